import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type { MatiereEtablissement, ServiceEnseignement, StructureEtablissement } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { nombre } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { Alerte, Champ, Choix, Statut } from './DirectionCommun'
import { enseigneA, focaliserPremiereErreur, lireCoefficient, nomPersonne } from './structure'

interface Donnees {
  structure: StructureEtablissement
  matieres: MatiereEtablissement[]
}

const COEFFICIENT_INVALIDE = { champs: { coefficient: 'Indiquez un coefficient, par exemple 2 ou 1,5.' }, message: 'Vérifiez les champs signalés.' }

/**
 * The teaching services (teacher × subject × class or group, with the subject's coefficient), one table per class or
 * group; each can change teacher or coefficient, or be deleted once confirmed (the server keeps one with assessments).
 */
export function StructureServices({ uai }: { uai: string }) {
  const { scolarite } = useApi()
  const charger = useCallback(
    async (signal: AbortSignal): Promise<Donnees> => {
      const [structure, matieres] = await Promise.all([scolarite.obtenirStructure(uai, signal), scolarite.listerMatieres(uai, signal)])
      return { structure, matieres }
    },
    [scolarite, uai],
  )
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  return <Services uai={uai} {...etat.donnees} />
}

function Services({ uai, structure, matieres }: { uai: string } & Donnees) {
  const [services, setServices] = useState(structure.services)
  const [enCours, setEnCours] = useState<{ id: string; action: 'modifier' | 'supprimer' } | null>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const { classes, groupes, enseignants } = structure
  const publics = [...classes.map((c) => ({ id: c.id, code: c.code, libelle: c.libelle })), ...groupes.map((g) => ({ id: g.id, code: g.code, libelle: g.libelle }))]
  const decrire = (s: ServiceEnseignement) => `${s.matiereLibelle} — ${enseigneA(s, classes, groupes)}`
  const terminer = (message: string) => {
    setEnCours(null)
    setSucces(message)
  }

  return (
    <>
      <Statut message={succes} focaliser />
      {publics.map((p) => {
        const siens = services.filter((s) => s.classeId === p.id || s.groupeId === p.id)
        return (
          <section key={p.id} aria-labelledby={`services-${p.id}`} className="carte">
            <h3 id={`services-${p.id}`}>
              {p.code} <span className="aide">{p.libelle}</span>
            </h3>
            {siens.length === 0 ? (
              <p>Aucun service.</p>
            ) : (
              <div className="defilement">
                <table className="tableau-direction">
                  <thead>
                    <tr>
                      <th scope="col">Matière</th>
                      <th scope="col">Enseignant</th>
                      <th scope="col">Coef.</th>
                      <th scope="col">
                        <span className="visuellement-cache">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {siens.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">{s.matiereLibelle}</th>
                        <td>{nomPersonne(enseignants, s.enseignantId)}</td>
                        <td>{nombre(s.coefficient)}</td>
                        <td>
                          <div className="actions-ligne">
                            <button
                              type="button"
                              className="secondaire"
                              aria-expanded={enCours?.id === s.id && enCours.action === 'modifier'}
                              onClick={() => {
                                setSucces(null)
                                setEnCours({ id: s.id, action: 'modifier' })
                              }}
                            >
                              Modifier <span className="visuellement-cache">{decrire(s)}</span>
                            </button>
                            <button
                              type="button"
                              className="secondaire"
                              aria-expanded={enCours?.id === s.id && enCours.action === 'supprimer'}
                              onClick={() => {
                                setSucces(null)
                                setEnCours({ id: s.id, action: 'supprimer' })
                              }}
                            >
                              Supprimer <span className="visuellement-cache">{decrire(s)}</span>
                            </button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {siens.map(
              (s) =>
                enCours?.id === s.id &&
                (enCours.action === 'modifier' ? (
                  <ModifierService
                    key={s.id}
                    uai={uai}
                    service={s}
                    description={decrire(s)}
                    enseignants={enseignants}
                    annuler={() => setEnCours(null)}
                    modifie={(m) => {
                      setServices((liste) => liste.map((x) => (x.id === m.id ? m : x)))
                      terminer(`Service ${decrire(m)} enregistré.`)
                    }}
                  />
                ) : (
                  <SupprimerService
                    key={s.id}
                    uai={uai}
                    service={s}
                    description={decrire(s)}
                    annuler={() => setEnCours(null)}
                    supprime={() => {
                      setServices((liste) => liste.filter((x) => x.id !== s.id))
                      terminer(`Service ${decrire(s)} supprimé.`)
                    }}
                  />
                )),
            )}
          </section>
        )
      })}
      <NouveauServiceForm
        uai={uai}
        structure={structure}
        matieres={matieres}
        cree={(s) => {
          setServices((liste) => [...liste, s])
          setSucces(`Service ${decrire(s)} ajouté.`)
        }}
      />
    </>
  )
}

function ModifierService({
  uai,
  service,
  description,
  enseignants,
  annuler,
  modifie,
}: {
  uai: string
  service: ServiceEnseignement
  description: string
  enseignants: StructureEtablissement['enseignants']
  annuler: () => void
  modifie: (s: ServiceEnseignement) => void
}) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus, setRefus } = useEnvoi()
  const [enseignantId, setEnseignantId] = useState(service.enseignantId)
  const [coefficient, setCoefficient] = useState(nombre(service.coefficient))
  const titre = useRef<HTMLHeadingElement>(null)
  useEffect(() => titre.current?.focus(), [])

  const enregistrer = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const formulaire = e.currentTarget
    const coef = lireCoefficient(coefficient)
    if (Number.isNaN(coef)) {
      setRefus(COEFFICIENT_INVALIDE)
      return focaliserPremiereErreur(formulaire)
    }
    const resultat = await envoyer(() => scolarite.modifierServiceEnseignement(uai, service.id, { enseignantId, coefficient: coef }))
    if (resultat) modifie(resultat)
    else focaliserPremiereErreur(formulaire)
  }

  return (
    <form onSubmit={(e) => void enregistrer(e)} noValidate className="formulaire-direction" aria-labelledby={`modifier-${service.id}`}>
      <h4 id={`modifier-${service.id}`} ref={titre} tabIndex={-1}>
        Modifier le service {description}
      </h4>
      <Choix libelle="Enseignant" value={enseignantId} onChange={(e) => setEnseignantId(e.target.value)} erreur={refus.champs.enseignantId}>
        {enseignants.map((p) => (
          <option key={p.id} value={p.id}>
            {p.nom} {p.prenom}
          </option>
        ))}
      </Choix>
      <Champ libelle="Coefficient" inputMode="decimal" value={coefficient} onChange={(e) => setCoefficient(e.target.value)} erreur={refus.champs.coefficient} />
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

function SupprimerService({
  uai,
  service,
  description,
  annuler,
  supprime,
}: {
  uai: string
  service: ServiceEnseignement
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
      await scolarite.supprimerServiceEnseignement(uai, service.id)
      return true
    })
    if (fait) supprime()
  }

  return (
    <div role="group" aria-labelledby={`supprimer-${service.id}`} className="confirmation-direction">
      <p id={`supprimer-${service.id}`} ref={texte} tabIndex={-1}>
        Supprimer le service {description} ? Un service qui a déjà des évaluations ne peut pas être supprimé.
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

function NouveauServiceForm({
  uai,
  structure,
  matieres,
  cree,
}: {
  uai: string
  structure: StructureEtablissement
  matieres: MatiereEtablissement[]
  cree: (s: ServiceEnseignement) => void
}) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus, setRefus } = useEnvoi()
  const [enseignantId, setEnseignantId] = useState('')
  const [matiereCode, setMatiereCode] = useState('')
  const [pour, setPour] = useState('')
  const [coefficient, setCoefficient] = useState('1')

  const ajouter = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const formulaire = e.currentTarget
    const coef = lireCoefficient(coefficient)
    const champs: Record<string, string> = {}
    if (!pour) champs.classeId = 'Choisissez la classe ou le groupe.'
    if (!matiereCode) champs.matiereCode = 'Choisissez la matière.'
    if (!enseignantId) champs.enseignantId = "Choisissez l'enseignant."
    if (Number.isNaN(coef)) champs.coefficient = COEFFICIENT_INVALIDE.champs.coefficient
    if (Object.keys(champs).length > 0) {
      setRefus({ champs, message: 'Vérifiez les champs signalés.' })
      return focaliserPremiereErreur(formulaire)
    }
    const [genre, id] = pour.split(':')
    const resultat = await envoyer(() =>
      scolarite.creerServiceEnseignement(uai, {
        enseignantId,
        matiereCode,
        classeId: genre === 'classe' ? id : null,
        groupeId: genre === 'groupe' ? id : null,
        coefficient: coef,
      }),
    )
    if (resultat) {
      cree(resultat)
      setMatiereCode('')
      setCoefficient('1')
    } else focaliserPremiereErreur(formulaire)
  }

  return (
    <form onSubmit={(e) => void ajouter(e)} noValidate className="carte" aria-labelledby="titre-nouveau-service">
      <h3 id="titre-nouveau-service">Ajouter un service</h3>
      <Choix libelle="Classe ou groupe" value={pour} onChange={(e) => setPour(e.target.value)} erreur={refus.champs.classeId ?? refus.champs.groupeId}>
        <option value="">Choisir…</option>
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
      <Choix libelle="Matière" value={matiereCode} onChange={(e) => setMatiereCode(e.target.value)} erreur={refus.champs.matiereCode}>
        <option value="">Choisir…</option>
        {matieres.map((m) => (
          <option key={m.code} value={m.code}>
            {m.libelle}
          </option>
        ))}
      </Choix>
      <Choix libelle="Enseignant" value={enseignantId} onChange={(e) => setEnseignantId(e.target.value)} erreur={refus.champs.enseignantId}>
        <option value="">Choisir…</option>
        {structure.enseignants.map((p) => (
          <option key={p.id} value={p.id}>
            {p.nom} {p.prenom}
          </option>
        ))}
      </Choix>
      <Champ
        libelle="Coefficient"
        aide="Poids de la matière dans la moyenne générale, par exemple 2 ou 1,5."
        inputMode="decimal"
        value={coefficient}
        onChange={(e) => setCoefficient(e.target.value)}
        erreur={refus.champs.coefficient}
      />
      <Alerte message={refus.message} />
      <button type="submit" disabled={envoi} aria-busy={envoi}>
        {envoi ? 'Ajout…' : 'Ajouter le service'}
      </button>
    </form>
  )
}
