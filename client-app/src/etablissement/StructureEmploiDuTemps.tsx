import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type { BilanImportCreneaux, CalendrierSemaines, CreneauEmploiDuTemps, StructureEtablissement } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { lireRefus } from '../commun/erreurs'
import { Alerte, Champ, Choix, Statut } from './DirectionCommun'
import {
  bornesAnnee,
  ENTETE_CSV,
  erreursImport,
  EXEMPLE_CSV,
  JOURS,
  libelleSemaine,
  libelleValidite,
  nomJour,
  parJour,
  semainesDeclarees,
  dateCourte,
} from './emploiDuTemps'
import { focaliserPremiereErreur } from './structure'

interface Donnees {
  structure: StructureEtablissement
  creneaux: CreneauEmploiDuTemps[]
}

/**
 * The timetable's administration (the établissement's administrators): a class's or group's weekly slots, day by day,
 * to add, change or remove; the week A / week B calendar; the import of a timetabling software's CSV export.
 */
export function StructureEmploiDuTemps({ uai }: { uai: string }) {
  // An import replaces slots: the week is read again (a new key), the import's summary stays.
  const [version, setVersion] = useState(0)
  return (
    <>
      <GrilleChargee key={version} uai={uai} />
      <Semaines uai={uai} />
      <ImportCsv uai={uai} importe={() => setVersion((v) => v + 1)} />
    </>
  )
}

function GrilleChargee({ uai }: { uai: string }) {
  const { scolarite } = useApi()
  const charger = useCallback(
    async (signal: AbortSignal): Promise<Donnees> => {
      const [structure, creneaux] = await Promise.all([
        scolarite.obtenirStructure(uai, signal),
        scolarite.listerCreneaux(uai, undefined, undefined, undefined, undefined, signal),
      ])
      return { structure, creneaux }
    },
    [scolarite, uai],
  )
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  return <Grille uai={uai} {...etat.donnees} />
}

type EnCours = { id: string; action: 'modifier' | 'supprimer' } | { id: 'nouveau'; action: 'ajouter' } | null

function Grille({ uai, structure, creneaux: initiaux }: { uai: string } & Donnees) {
  const [creneaux, setCreneaux] = useState(initiaux)
  const [division, setDivision] = useState(structure.classes[0] ? `classe:${structure.classes[0].id}` : '')
  const [enCours, setEnCours] = useState<EnCours>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const annee = bornesAnnee(structure.anneeScolaire)
  const [genre, id] = division.split(':')
  const groupesDeLaClasse = genre === 'classe' ? new Set(structure.groupes.filter((g) => g.eleveIds.some((e) => structure.classes.find((c) => c.id === id)?.eleveIds.includes(e))).map((g) => g.id)) : new Set<string>()
  const affiches = creneaux.filter((c) => (genre === 'classe' ? c.classeId === id || (c.groupeId != null && groupesDeLaClasse.has(c.groupeId)) : c.groupeId === id))
  const services = structure.services.filter((s) => (genre === 'classe' ? s.classeId === id : s.groupeId === id))
  const decrire = (c: CreneauEmploiDuTemps) => `${c.matiere} — ${c.division}, ${JOURS[c.jour - 1]} ${c.debut}`
  const terminer = (message: string) => {
    setEnCours(null)
    setSucces(message)
  }

  return (
    <section aria-labelledby="titre-grille" className="carte">
      <h3 id="titre-grille">Créneaux de la semaine</h3>
      <Choix
        libelle="Classe ou groupe"
        value={division}
        onChange={(e) => {
          setDivision(e.target.value)
          setEnCours(null)
        }}
      >
        <optgroup label="Classes">
          {structure.classes.map((c) => (
            <option key={c.id} value={`classe:${c.id}`}>
              {c.code} — {c.libelle}
            </option>
          ))}
        </optgroup>
        {structure.groupes.length > 0 && (
          <optgroup label="Groupes">
            {structure.groupes.map((g) => (
              <option key={g.id} value={`groupe:${g.id}`}>
                {g.code} — {g.libelle}
              </option>
            ))}
          </optgroup>
        )}
      </Choix>
      <Statut message={succes} focaliser />
      {affiches.length === 0 && <p>Aucun créneau pour cette classe ou ce groupe.</p>}
      {parJour(affiches).map((j) => (
        <div key={j.jour} className="jour-edt">
          <h4>{nomJour(j.jour)}</h4>
          <ul className="liste-edt">
            {j.creneaux.map((c) => {
              const validite = libelleValidite(c.valideDu, c.valideAu, annee)
              return (
                <li key={c.id}>
                  <p>
                    <strong>
                      {c.debut}–{c.fin}
                    </strong>{' '}
                    {c.matiere} <span className="aide">({c.division})</span> — {c.enseignant}
                    {c.salle ? `, ${c.salle}` : ''}
                    {c.semaine ? `, ${libelleSemaine(c.semaine)}` : ''}
                    {validite ? `, ${validite}` : ''}
                  </p>
                  <div className="actions-ligne">
                    <button
                      type="button"
                      className="secondaire"
                      aria-expanded={enCours?.id === c.id && enCours.action === 'modifier'}
                      onClick={() => {
                        setSucces(null)
                        setEnCours({ id: c.id, action: 'modifier' })
                      }}
                    >
                      Modifier <span className="visuellement-cache">{decrire(c)}</span>
                    </button>
                    <button
                      type="button"
                      className="secondaire"
                      aria-expanded={enCours?.id === c.id && enCours.action === 'supprimer'}
                      onClick={() => {
                        setSucces(null)
                        setEnCours({ id: c.id, action: 'supprimer' })
                      }}
                    >
                      Supprimer <span className="visuellement-cache">{decrire(c)}</span>
                    </button>
                  </div>
                  {enCours?.id === c.id && enCours.action === 'modifier' && (
                    <FormulaireCreneau
                      uai={uai}
                      titre={`Modifier le créneau ${decrire(c)}`}
                      services={services.some((s) => s.id === c.serviceId) ? services : structure.services.filter((s) => s.id === c.serviceId)}
                      structure={structure}
                      creneau={c}
                      annuler={() => setEnCours(null)}
                      enregistre={(m) => {
                        setCreneaux((liste) => liste.map((x) => (x.id === m.id ? m : x)))
                        terminer(`Créneau ${decrire(m)} enregistré.`)
                      }}
                    />
                  )}
                  {enCours?.id === c.id && enCours.action === 'supprimer' && (
                    <SupprimerCreneau
                      uai={uai}
                      creneau={c}
                      description={decrire(c)}
                      annuler={() => setEnCours(null)}
                      supprime={() => {
                        setCreneaux((liste) => liste.filter((x) => x.id !== c.id))
                        terminer(`Créneau ${decrire(c)} supprimé.`)
                      }}
                    />
                  )}
                </li>
              )
            })}
          </ul>
        </div>
      ))}
      {enCours?.action === 'ajouter' ? (
        <FormulaireCreneau
          uai={uai}
          titre="Ajouter un créneau"
          services={services}
          structure={structure}
          annuler={() => setEnCours(null)}
          enregistre={(c) => {
            setCreneaux((liste) => [...liste, c])
            terminer(`Créneau ${decrire(c)} ajouté.`)
          }}
        />
      ) : (
        <button
          type="button"
          disabled={services.length === 0}
          onClick={() => {
            setSucces(null)
            setEnCours({ id: 'nouveau', action: 'ajouter' })
          }}
        >
          Ajouter un créneau
        </button>
      )}
      {services.length === 0 && <p className="aide">Cette classe ou ce groupe n'a aucun service d'enseignement : créez-en d'abord.</p>}
    </section>
  )
}

function FormulaireCreneau({
  uai,
  titre,
  services,
  structure,
  creneau,
  annuler,
  enregistre,
}: {
  uai: string
  titre: string
  services: StructureEtablissement['services']
  structure: StructureEtablissement
  creneau?: CreneauEmploiDuTemps
  annuler: () => void
  enregistre: (c: CreneauEmploiDuTemps) => void
}) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus } = useEnvoi()
  const annee = bornesAnnee(structure.anneeScolaire)
  const [serviceId, setServiceId] = useState(creneau?.serviceId ?? services[0]?.id ?? '')
  const [jour, setJour] = useState(String(creneau?.jour ?? 1))
  const [debut, setDebut] = useState(creneau?.debut ?? '08:00')
  const [fin, setFin] = useState(creneau?.fin ?? '08:55')
  const [salle, setSalle] = useState(creneau?.salle ?? '')
  const [semaine, setSemaine] = useState(creneau?.semaine ?? '')
  const [valideDu, setValideDu] = useState(creneau?.valideDu ?? annee.debut)
  const [valideAu, setValideAu] = useState(creneau?.valideAu ?? annee.fin)
  const titreRef = useRef<HTMLHeadingElement>(null)
  useEffect(() => titreRef.current?.focus(), [])
  const nomEnseignant = (id: string) => {
    const p = structure.enseignants.find((e) => e.id === id)
    return p ? `${p.nom} ${p.prenom}` : ''
  }

  const enregistrer = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const formulaire = e.currentTarget
    const saisie = { serviceId, jour: Number(jour), debut, fin, salle: salle || null, semaine: semaine || null, valideDu, valideAu }
    const resultat = await envoyer(() => (creneau ? scolarite.modifierCreneau(uai, creneau.id, saisie) : scolarite.creerCreneau(uai, saisie)))
    if (resultat) enregistre(resultat)
    else focaliserPremiereErreur(formulaire)
  }

  return (
    <form onSubmit={(e) => void enregistrer(e)} noValidate className="formulaire-direction" aria-labelledby={`titre-creneau-${creneau?.id ?? 'nouveau'}`}>
      <h4 id={`titre-creneau-${creneau?.id ?? 'nouveau'}`} ref={titreRef} tabIndex={-1}>
        {titre}
      </h4>
      <Choix libelle="Service (matière et enseignant)" value={serviceId} onChange={(e) => setServiceId(e.target.value)} erreur={refus.champs.serviceId}>
        {services.map((s) => (
          <option key={s.id} value={s.id}>
            {s.matiereLibelle} — {nomEnseignant(s.enseignantId)}
          </option>
        ))}
      </Choix>
      <Choix libelle="Jour" value={jour} onChange={(e) => setJour(e.target.value)} erreur={refus.champs.jour}>
        {JOURS.map((j, i) => (
          <option key={j} value={i + 1}>
            {nomJour(i + 1)}
          </option>
        ))}
      </Choix>
      <div className="actions-ligne">
        <Champ libelle="Début" type="time" value={debut} onChange={(e) => setDebut(e.target.value)} erreur={refus.champs.debut} />
        <Champ libelle="Fin" type="time" value={fin} onChange={(e) => setFin(e.target.value)} erreur={refus.champs.fin} />
      </div>
      <Champ libelle="Salle" maxLength={40} value={salle} onChange={(e) => setSalle(e.target.value)} erreur={refus.champs.salle} />
      <Choix libelle="Semaines" value={semaine} onChange={(e) => setSemaine(e.target.value)} erreur={refus.champs.semaine}>
        <option value="">Toutes les semaines</option>
        <option value="A">Semaine A seulement</option>
        <option value="B">Semaine B seulement</option>
      </Choix>
      <div className="actions-ligne">
        <Champ libelle="Valable du" type="date" value={valideDu} onChange={(e) => setValideDu(e.target.value)} erreur={refus.champs.valideDu} />
        <Champ libelle="au" type="date" value={valideAu} onChange={(e) => setValideAu(e.target.value)} erreur={refus.champs.valideAu} />
      </div>
      <Alerte message={refus.message} />
      <div className="actions-ligne">
        <button type="submit" disabled={envoi} aria-busy={envoi}>
          {envoi ? 'Enregistrement…' : 'Enregistrer'}
        </button>
        <button type="button" className="secondaire" onClick={annuler} disabled={envoi}>
          Annuler
        </button>
      </div>
    </form>
  )
}

function SupprimerCreneau({
  uai,
  creneau,
  description,
  annuler,
  supprime,
}: {
  uai: string
  creneau: CreneauEmploiDuTemps
  description: string
  annuler: () => void
  supprime: () => void
}) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus } = useEnvoi()
  const texte = useRef<HTMLParagraphElement>(null)
  useEffect(() => texte.current?.focus(), [])

  const confirmer = async () => {
    const fait = await envoyer(async () => {
      await scolarite.supprimerCreneau(uai, creneau.id)
      return true
    })
    if (fait) supprime()
  }

  return (
    <div role="group" aria-labelledby={`supprimer-${creneau.id}`} className="confirmation-direction">
      <p id={`supprimer-${creneau.id}`} ref={texte} tabIndex={-1}>
        Supprimer le créneau {description} ? Ses cours quittent l'emploi du temps, y compris les cours passés : pour l'arrêter à une date,
        modifiez plutôt sa fin de validité.
      </p>
      <Alerte message={refus.message} />
      <div className="actions-ligne">
        <button type="button" onClick={() => void confirmer()} disabled={envoi} aria-busy={envoi}>
          {envoi ? 'Suppression…' : 'Confirmer la suppression'}
        </button>
        <button type="button" className="secondaire" onClick={annuler} disabled={envoi}>
          Annuler
        </button>
      </div>
    </div>
  )
}

/** The week A / week B calendar: each week's letter; a week stated keeps its letter, the others follow the week before. */
function Semaines({ uai }: { uai: string }) {
  const { scolarite } = useApi()
  const charger = useCallback((signal: AbortSignal) => scolarite.listerSemaines(uai, signal), [scolarite, uai])
  const [etat, recharger] = useDonnees(charger)
  return (
    <section aria-labelledby="titre-semaines" className="carte">
      <h3 id="titre-semaines">Semaines A et B</h3>
      {etat.statut !== 'pret' ? <Attente etat={etat} recharger={recharger} /> : <CalendrierAb uai={uai} calendrier={etat.donnees} />}
    </section>
  )
}

function CalendrierAb({ uai, calendrier: initial }: { uai: string; calendrier: CalendrierSemaines }) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus } = useEnvoi()
  const [calendrier, setCalendrier] = useState(initial)
  const [choix, setChoix] = useState<Record<string, string>>(() => Object.fromEntries(initial.semaines.filter((s) => s.declaree).map((s) => [s.lundi, s.semaine])))
  const [succes, setSucces] = useState<string | null>(null)

  const enregistrer = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    setSucces(null)
    const semaines = semainesDeclarees(calendrier.semaines.map((s) => ({ lundi: s.lundi, choix: choix[s.lundi] ?? '' })))
    const resultat = await envoyer(() => scolarite.declarerSemaines(uai, { semaines }))
    if (resultat) {
      setCalendrier(resultat)
      setSucces(`Calendrier enregistré : ${semaines.length} semaine(s) déclarée(s).`)
    }
  }

  return (
    <form onSubmit={(e) => void enregistrer(e)} noValidate>
      <p>
        La première semaine de l'année est une semaine A ; chaque semaine prend ensuite la lettre inverse de la précédente. Déclarez la
        lettre de la semaine de rentrée après chaque vacances : les suivantes alternent à partir d'elle.
      </p>
      <div className="defilement">
        <table className="tableau-direction">
          <caption className="visuellement-cache">Semaines de l'année scolaire {calendrier.anneeScolaire}</caption>
          <thead>
            <tr>
              <th scope="col">Semaine du</th>
              <th scope="col">Lettre</th>
              <th scope="col">Déclaration</th>
            </tr>
          </thead>
          <tbody>
            {calendrier.semaines.map((s) => (
              <tr key={s.lundi}>
                <th scope="row">{dateCourte(s.lundi)}</th>
                <td>{s.semaine}</td>
                <td>
                  <label className="visuellement-cache" htmlFor={`semaine-${s.lundi}`}>
                    Semaine du {dateCourte(s.lundi)}
                  </label>
                  <select id={`semaine-${s.lundi}`} value={choix[s.lundi] ?? ''} onChange={(e) => setChoix({ ...choix, [s.lundi]: e.target.value })}>
                    <option value="">Suit la précédente</option>
                    <option value="A">Semaine A</option>
                    <option value="B">Semaine B</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {Object.entries(refus.champs).length > 0 && (
        <ul className="erreur">
          {Object.values(refus.champs).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <Alerte message={refus.message} />
      <Statut message={succes} />
      <button type="submit" disabled={envoi} aria-busy={envoi}>
        {envoi ? 'Enregistrement…' : 'Enregistrer le calendrier'}
      </button>
    </form>
  )
}

/** The CSV import: a file, an optional period, a check first; every error listed with its line. */
function ImportCsv({ uai, importe }: { uai: string; importe: () => void }) {
  const { scolarite } = useApi()
  const [fichier, setFichier] = useState<File | null>(null)
  const [du, setDu] = useState('')
  const [au, setAu] = useState('')
  const [envoi, setEnvoi] = useState(false)
  const [erreurs, setErreurs] = useState<string[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [bilan, setBilan] = useState<BilanImportCreneaux | null>(null)
  const liste = useRef<HTMLHeadingElement>(null)

  const envoyer = async (verifier: boolean) => {
    setErreurs([])
    setMessage(null)
    setBilan(null)
    if (!fichier) {
      setMessage('Choisissez le fichier CSV exporté par votre logiciel d’emploi du temps.')
      return
    }
    setEnvoi(true)
    try {
      const resultat = await scolarite.importerCreneaux(uai, du || undefined, au || undefined, verifier, { data: fichier, fileName: fichier.name })
      setBilan(resultat)
      if (!resultat.verification) importe()
    } catch (erreur) {
      const lignes = erreursImport(erreur)
      if (lignes) {
        setErreurs(lignes)
        setTimeout(() => liste.current?.focus())
      } else setMessage(lireRefus(erreur).message)
    } finally {
      setEnvoi(false)
    }
  }

  const soumettre = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const bouton = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    void envoyer(bouton?.value === 'verifier')
  }

  return (
    <section aria-labelledby="titre-import-edt" className="carte">
      <h3 id="titre-import-edt">Importer un emploi du temps (CSV)</h3>
      <p>
        Une ligne par créneau, séparateur « ; » ou « , », colonnes dans cet ordre : <code>{ENTETE_CSV}</code>. Le jour s'écrit lundi … samedi
        ou 1 … 6 ; l'enseignant « NOM Prénom » comme dans l'annuaire (ou son nom seul s'il suffit) ; salle, semaine (A ou B) et dates sont
        facultatives.{' '}
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(EXEMPLE_CSV)}`} download="exemple-emploi-du-temps.csv">
          Télécharger un exemple
        </a>
      </p>
      <p>
        <strong>Tout ou rien :</strong> au moindre défaut, rien n'est modifié et chaque erreur est indiquée avec son numéro de ligne. Sinon, le
        fichier <strong>remplace</strong> tous les créneaux de l'établissement sur la période choisie (par défaut l'année scolaire entière) ;
        les créneaux qui la débordent sont conservés hors de la période.
      </p>
      <form onSubmit={soumettre} noValidate>
        <Champ
          libelle="Fichier CSV"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => setFichier(e.target.files?.[0] ?? null)}
          erreur={message && !fichier ? message : undefined}
        />
        <div className="actions-ligne">
          <Champ libelle="Période remplacée : du" type="date" value={du} onChange={(e) => setDu(e.target.value)} aide="Vide : début de l'année scolaire." />
          <Champ libelle="au" type="date" value={au} onChange={(e) => setAu(e.target.value)} aide="Vide : fin de l'année scolaire." />
        </div>
        <div className="actions-ligne">
          <button type="submit" value="verifier" className="secondaire" disabled={envoi} aria-busy={envoi}>
            Vérifier le fichier
          </button>
          <button type="submit" value="importer" disabled={envoi} aria-busy={envoi}>
            {envoi ? 'Envoi…' : 'Importer et remplacer'}
          </button>
        </div>
      </form>
      {message && fichier && <Alerte message={message} />}
      {erreurs.length > 0 && (
        <div role="alert">
          <h4 ref={liste} tabIndex={-1}>
            Le fichier n'a pas été importé : {erreurs.length} erreur(s)
          </h4>
          <ul className="erreurs-import">
            {erreurs.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <Statut
        message={
          bilan &&
          (bilan.verification
            ? `Fichier valide : ${bilan.lignes} créneau(x) lu(s), qui remplaceraient ${bilan.creneauxRemplaces} créneau(x) du ${dateCourte(bilan.du)} au ${dateCourte(bilan.au)}. Rien n'a encore été modifié.`
            : `Emploi du temps importé : ${bilan.lignes} créneau(x) du ${dateCourte(bilan.du)} au ${dateCourte(bilan.au)} (${bilan.creneauxRemplaces} créneau(x) remplacé(s)).`)
        }
        focaliser
      />
    </section>
  )
}
