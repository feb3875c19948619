import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type { ClasseStructure, GroupeStructure, PersonneStructure, StructureEtablissement } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { pluriel } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { Alerte, Champ, Choix, Statut } from './DirectionCommun'
import { focaliserPremiereErreur, nomPersonne } from './structure'

const NIVEAUX: Record<string, string> = { seconde: 'Seconde', premiere: 'Première', terminale: 'Terminale' }

/**
 * The classes (level, pupils, head teachers) and groups of the current year: create a class or a group, choose a
 * class's head teachers (two at most), and change a class's or a group's pupils.
 */
export function StructureClasses({ uai }: { uai: string }) {
  const { scolarite } = useApi()
  const charger = useCallback((signal: AbortSignal) => scolarite.obtenirStructure(uai, signal), [scolarite, uai])
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  return <Classes uai={uai} structure={etat.donnees} />
}

function Classes({ uai, structure }: { uai: string; structure: StructureEtablissement }) {
  const [classes, setClasses] = useState(structure.classes)
  const [groupes, setGroupes] = useState(structure.groupes)
  const [ouvert, setOuvert] = useState<string | null>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const { enseignants, eleves } = structure
  const ouvrir = (cle: string) => {
    setSucces(null)
    setOuvert(cle)
  }
  const terminer = (message: string) => {
    setOuvert(null)
    setSucces(message)
  }
  const changerClasse = (c: ClasseStructure, message: string) => {
    setClasses((liste) => liste.map((x) => (x.id === c.id ? c : x)))
    terminer(message)
  }
  const changerGroupe = (g: GroupeStructure, message: string) => {
    setGroupes((liste) => liste.map((x) => (x.id === g.id ? g : x)))
    terminer(message)
  }

  return (
    <>
      <Statut message={succes} focaliser />
      <section aria-labelledby="titre-classes" className="carte">
        <h3 id="titre-classes">Classes ({structure.anneeScolaire})</h3>
        {classes.length === 0 ? (
          <p>Aucune classe cette année.</p>
        ) : (
          <div className="defilement">
            <table className="tableau-direction">
              <thead>
                <tr>
                  <th scope="col">Classe</th>
                  <th scope="col">Niveau</th>
                  <th scope="col">Élèves</th>
                  <th scope="col">Professeurs principaux</th>
                  <th scope="col">
                    <span className="visuellement-cache">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {classes.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.code} <span className="aide">{c.libelle}</span>
                    </th>
                    <td>{NIVEAUX[c.niveau] ?? c.niveau}</td>
                    <td>{c.eleveIds.length}</td>
                    <td>{c.professeurPrincipalIds.map((id) => nomPersonne(enseignants, id)).join(', ') || 'Aucun'}</td>
                    <td>
                      <div className="actions-ligne">
                        <button type="button" className="secondaire" aria-expanded={ouvert === `pp ${c.id}`} onClick={() => ouvrir(`pp ${c.id}`)}>
                          Professeurs principaux <span className="visuellement-cache">de {c.code}</span>
                        </button>
                        <button type="button" className="secondaire" aria-expanded={ouvert === `eleves ${c.id}`} onClick={() => ouvrir(`eleves ${c.id}`)}>
                          Élèves <span className="visuellement-cache">de {c.code}</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {classes.map((c) =>
          ouvert === `pp ${c.id}` ? (
            <ProfesseursPrincipaux
              key={c.id}
              uai={uai}
              classe={c}
              enseignants={enseignants}
              annuler={() => setOuvert(null)}
              fait={(ids) => changerClasse({ ...c, professeurPrincipalIds: ids }, `Professeurs principaux de ${c.code} enregistrés.`)}
            />
          ) : ouvert === `eleves ${c.id}` ? (
            <ElevesDe
              key={c.id}
              nom={c.code}
              ids={c.eleveIds}
              eleves={eleves}
              annuler={() => setOuvert(null)}
              envoyer={(ids, api) => api.remplacerElevesClasse(uai, c.id, { eleveIds: ids })}
              fait={(ids) => changerClasse({ ...c, eleveIds: ids }, `Élèves de ${c.code} enregistrés : ${ids.length}.`)}
            />
          ) : null,
        )}
        <NouvelleClasseForm uai={uai} cree={(c) => { setClasses((l) => [...l, c]); setSucces(`Classe ${c.code} créée.`) }} />
      </section>
      <section aria-labelledby="titre-groupes" className="carte">
        <h3 id="titre-groupes">Groupes</h3>
        {groupes.length === 0 ? (
          <p>Aucun groupe cette année.</p>
        ) : (
          <ul className="liste-simple">
            {groupes.map((g) => (
              <li key={g.id}>
                <p>
                  <strong>{g.code}</strong> {g.libelle} · {pluriel(g.eleveIds.length, 'élève', 'élèves')}{' '}
                  <button type="button" className="secondaire" aria-expanded={ouvert === `groupe ${g.id}`} onClick={() => ouvrir(`groupe ${g.id}`)}>
                    Élèves <span className="visuellement-cache">du groupe {g.code}</span>
                  </button>
                </p>
                {ouvert === `groupe ${g.id}` && (
                  <ElevesDe
                    nom={g.code}
                    ids={g.eleveIds}
                    eleves={eleves}
                    annuler={() => setOuvert(null)}
                    envoyer={(ids, api) => api.remplacerElevesGroupe(uai, g.id, { eleveIds: ids })}
                    fait={(ids) => changerGroupe({ ...g, eleveIds: ids }, `Élèves du groupe ${g.code} enregistrés : ${ids.length}.`)}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
        <NouveauGroupeForm uai={uai} cree={(g) => { setGroupes((l) => [...l, g]); setSucces(`Groupe ${g.code} créé.`) }} />
      </section>
    </>
  )
}

function ProfesseursPrincipaux({
  uai,
  classe,
  enseignants,
  annuler,
  fait,
}: {
  uai: string
  classe: ClasseStructure
  enseignants: PersonneStructure[]
  annuler: () => void
  fait: (ids: string[]) => void
}) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus } = useEnvoi()
  const [premier, setPremier] = useState(classe.professeurPrincipalIds[0] ?? '')
  const [second, setSecond] = useState(classe.professeurPrincipalIds[1] ?? '')
  const titre = useRef<HTMLHeadingElement>(null)
  useEffect(() => titre.current?.focus(), [])

  const enregistrer = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const formulaire = e.currentTarget
    const ids = [...new Set([premier, second].filter(Boolean))]
    const ok = await envoyer(async () => {
      await scolarite.remplacerProfesseursPrincipaux(uai, classe.id, { enseignantIds: ids })
      return true
    })
    if (ok) fait(ids)
    else focaliserPremiereErreur(formulaire)
  }
  const options = enseignants.map((p) => (
    <option key={p.id} value={p.id}>
      {p.nom} {p.prenom}
    </option>
  ))
  return (
    <form onSubmit={(e) => void enregistrer(e)} noValidate className="formulaire-direction" aria-labelledby={`pp-${classe.id}`}>
      <h4 id={`pp-${classe.id}`} ref={titre} tabIndex={-1}>
        Professeurs principaux de {classe.code}
      </h4>
      <Choix libelle="Premier professeur principal" value={premier} onChange={(e) => setPremier(e.target.value)} erreur={refus.champs['enseignantIds[0]']}>
        <option value="">Aucun</option>
        {options}
      </Choix>
      <Choix libelle="Second professeur principal" value={second} onChange={(e) => setSecond(e.target.value)} erreur={refus.champs['enseignantIds[1]']}>
        <option value="">Aucun</option>
        {options}
      </Choix>
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

/**
 * A class's or group's pupils: tick or untick among the établissement's pupils, filtered by name. Removing a pupil is
 * confirmed by the summary the button gives (« 2 élèves retirés ») before it is sent.
 */
function ElevesDe({
  nom,
  ids,
  eleves,
  annuler,
  envoyer: envoyerListe,
  fait,
}: {
  nom: string
  ids: string[]
  eleves: PersonneStructure[]
  annuler: () => void
  envoyer: (ids: string[], api: ReturnType<typeof useApi>['scolarite']) => Promise<void>
  fait: (ids: string[]) => void
}) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus } = useEnvoi()
  const [choisis, setChoisis] = useState(() => new Set(ids))
  const [filtre, setFiltre] = useState('')
  const [confirmer, setConfirmer] = useState(false)
  const titre = useRef<HTMLHeadingElement>(null)
  useEffect(() => titre.current?.focus(), [])
  const retires = ids.filter((id) => !choisis.has(id)).length
  const ajoutes = [...choisis].filter((id) => !ids.includes(id)).length
  const recherche = filtre.trim().toLocaleLowerCase('fr')
  const visibles = eleves.filter((p) => !recherche || `${p.nom} ${p.prenom}`.toLocaleLowerCase('fr').includes(recherche))

  const enregistrer = async (e: FormEvent) => {
    e.preventDefault()
    if (retires > 0 && !confirmer) {
      setConfirmer(true)
      return
    }
    const liste = [...choisis]
    const ok = await envoyer(async () => {
      await envoyerListe(liste, scolarite)
      return true
    })
    setConfirmer(false)
    if (ok) fait(liste)
  }
  const basculer = (id: string) => {
    setConfirmer(false)
    setChoisis((s) => {
      const suivant = new Set(s)
      if (suivant.has(id)) suivant.delete(id)
      else suivant.add(id)
      return suivant
    })
  }

  return (
    <form onSubmit={(e) => void enregistrer(e)} noValidate className="formulaire-direction" aria-labelledby={`eleves-${nom}`}>
      <h4 id={`eleves-${nom}`} ref={titre} tabIndex={-1}>
        Élèves de {nom}
      </h4>
      <Champ libelle="Chercher un élève" type="search" value={filtre} onChange={(e) => setFiltre(e.target.value)} />
      <fieldset className="liste-eleves">
        <legend>
          {pluriel(choisis.size, 'élève choisi', 'élèves choisis')}
          {visibles.length < eleves.length && ` · ${pluriel(visibles.length, 'élève affiché', 'élèves affichés')}`}
        </legend>
        {visibles.map((p) => (
          <div key={p.id} className="case">
            <input type="checkbox" id={`${nom}-${p.id}`} checked={choisis.has(p.id)} onChange={() => basculer(p.id)} />
            <label htmlFor={`${nom}-${p.id}`}>
              {p.nom} {p.prenom}
            </label>
          </div>
        ))}
      </fieldset>
      <p aria-live="polite">
        {ajoutes > 0 || retires > 0 ? `${pluriel(ajoutes, 'élève ajouté', 'élèves ajoutés')}, ${pluriel(retires, 'élève retiré', 'élèves retirés')}.` : 'Aucun changement.'}
      </p>
      {confirmer && (
        <p role="alert" className="avertissement">
          {pluriel(retires, 'élève sera retiré', 'élèves seront retirés')} de {nom}. Appuyez de nouveau sur « Confirmer » pour enregistrer.
        </p>
      )}
      {Object.values(refus.champs).length > 0 && <p className="erreur-champ">{Object.values(refus.champs).join(' ')}</p>}
      <Alerte message={refus.message} />
      <div className="actions-ligne">
        <button type="submit" disabled={envoi} aria-busy={envoi}>
          {envoi ? 'Enregistrement…' : confirmer ? 'Confirmer' : 'Enregistrer les élèves'}
        </button>
        <button type="button" className="secondaire" onClick={annuler} disabled={envoi}>
          Annuler
        </button>
      </div>
    </form>
  )
}

function NouvelleClasseForm({ uai, cree }: { uai: string; cree: (c: ClasseStructure) => void }) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus } = useEnvoi()
  const [code, setCode] = useState('')
  const [libelle, setLibelle] = useState('')
  const [niveau, setNiveau] = useState('seconde')

  const creer = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const formulaire = e.currentTarget
    const c = await envoyer(() => scolarite.creerClasse(uai, { code, libelle, niveau }))
    if (c) {
      cree({ id: c.id, code: c.code, libelle: c.libelle, niveau: c.niveau, eleveIds: [], professeurPrincipalIds: [] })
      setCode('')
      setLibelle('')
    } else focaliserPremiereErreur(formulaire)
  }
  return (
    <form onSubmit={(e) => void creer(e)} noValidate className="formulaire-direction" aria-labelledby="titre-nouvelle-classe">
      <h4 id="titre-nouvelle-classe">Créer une classe</h4>
      <Champ libelle="Code de la classe" aide="Par exemple 2NDE3 : lettres, chiffres, « - » ou « _ »." value={code} onChange={(e) => setCode(e.target.value)} erreur={refus.champs.code} />
      <Champ libelle="Nom de la classe" aide="Tel que les familles le lisent, par exemple « Seconde 3 »." value={libelle} onChange={(e) => setLibelle(e.target.value)} erreur={refus.champs.libelle} />
      <Choix libelle="Niveau" value={niveau} onChange={(e) => setNiveau(e.target.value)} erreur={refus.champs.niveau}>
        {Object.entries(NIVEAUX).map(([valeur, texte]) => (
          <option key={valeur} value={valeur}>
            {texte}
          </option>
        ))}
      </Choix>
      <Alerte message={refus.message} />
      <button type="submit" disabled={envoi} aria-busy={envoi}>
        {envoi ? 'Création…' : 'Créer la classe'}
      </button>
    </form>
  )
}

function NouveauGroupeForm({ uai, cree }: { uai: string; cree: (g: GroupeStructure) => void }) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus } = useEnvoi()
  const [code, setCode] = useState('')
  const [libelle, setLibelle] = useState('')

  const creer = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const formulaire = e.currentTarget
    const g = await envoyer(() => scolarite.creerGroupe(uai, { code, libelle }))
    if (g) {
      cree({ id: g.id, code: g.code, libelle: g.libelle, eleveIds: [] })
      setCode('')
      setLibelle('')
    } else focaliserPremiereErreur(formulaire)
  }
  return (
    <form onSubmit={(e) => void creer(e)} noValidate className="formulaire-direction" aria-labelledby="titre-nouveau-groupe">
      <h4 id="titre-nouveau-groupe">Créer un groupe</h4>
      <Champ libelle="Code du groupe" aide="Par exemple ESP2." value={code} onChange={(e) => setCode(e.target.value)} erreur={refus.champs.code} />
      <Champ libelle="Nom du groupe" aide="Par exemple « Espagnol LV2 »." value={libelle} onChange={(e) => setLibelle(e.target.value)} erreur={refus.champs.libelle} />
      <Alerte message={refus.message} />
      <button type="submit" disabled={envoi} aria-busy={envoi}>
        {envoi ? 'Création…' : 'Créer le groupe'}
      </button>
    </form>
  )
}
