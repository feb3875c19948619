import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type { AppreciationsService, PeriodeScolaire } from '../api/ent-client'
import { statutErreur } from '../commun/appels'
import { lireRefus } from '../commun/erreurs'
import { pluriel } from '../commun/format'
import { Raccourci } from '../commun/Raccourci'
import { titreDocument } from '../commun/titre'
import { useApi } from '../commun/useApi'
import { cheminAppreciations, cheminService } from './commun'
import { ChoixPeriode, FilAriane, useRetenirSiModifie } from './composants'
import { formaterNombre } from './notes'
import { PageDePeriode } from './PageDePeriode'
import { erreursParLigne } from './periodes'

const LONGUEUR_MAX = 600

/**
 * /enseignement/services/{id}/appreciations?periode={id}: the teacher's appraisal of each pupil for the period, the
 * pupil's average beside it, saved at once; read only, with the reason, once the period's report cards are published.
 */
export function PageAppreciations({ serviceId }: { serviceId: string }) {
  const client = useApi().scolarite
  const chargerPeriode = useCallback(
    (periodeId: string, signal: AbortSignal) => client.obtenirAppreciations(serviceId, periodeId, signal),
    [client, serviceId],
  )
  return (
    <PageDePeriode
      titre="Appréciations"
      introuvable="Appréciations introuvables"
      pourquoi="Ce service d'enseignement ou cette période n'existe pas, ou ne vous est pas attribué."
      chargerPeriode={chargerPeriode}
    >
      {({ periodes, periode, donnees }) => <Saisie periodes={periodes} periode={periode} appreciations={donnees} />}
    </PageDePeriode>
  )
}

const textesDe = (a: AppreciationsService) => Object.fromEntries(a.eleves.map((e) => [e.eleveId, e.appreciation ?? '']))

function Saisie({ periodes, periode, appreciations: initiales }: { periodes: PeriodeScolaire[]; periode: PeriodeScolaire; appreciations: AppreciationsService }) {
  const client = useApi().scolarite
  const [appreciations, setAppreciations] = useState(initiales)
  const [textes, setTextes] = useState(() => textesDe(initiales))
  // Once the report cards are out, the server refuses any change (409): the reason is said and the page reads only.
  const [publiees, setPubliees] = useState<string | null>(periode.bulletinsPubliesLe ? 'publiees' : null)
  const [erreurs, setErreurs] = useState<Record<string, string>>({})
  const [echec, setEchec] = useState<string | null>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const alerte = useRef<HTMLDivElement>(null)
  const champs = useRef(new Map<string, HTMLTextAreaElement | null>())

  const { serviceId, matiere, libelle } = appreciations
  const nom = `${matiere} — ${libelle}`
  const enregistrees = textesDe(appreciations)
  const modifiees = appreciations.eleves.filter((e) => textes[e.eleveId].trim() !== enregistrees[e.eleveId]).map((e) => e.eleveId)
  useRetenirSiModifie(publiees ? 0 : modifiees.length)

  useEffect(() => {
    document.title = titreDocument(`Appréciations : ${nom}, ${periode.libelle}`)
  }, [nom, periode.libelle])

  const enregistrer = async (e: FormEvent) => {
    e.preventDefault()
    setSucces(null)
    setEchec(null)
    if (modifiees.length === 0) {
      setSucces('Aucune modification à enregistrer.')
      return
    }
    setEnvoi(true)
    try {
      const lignes = modifiees.map((eleveId) => ({ eleveId, texte: textes[eleveId].trim() || null }))
      const nouvelles = await client.saisirAppreciations(serviceId, periode.id, { appreciations: lignes })
      setAppreciations(nouvelles)
      setTextes(textesDe(nouvelles))
      setErreurs({})
      setSucces(`${pluriel(lignes.length, 'appréciation enregistrée', 'appréciations enregistrées')}.`)
    } catch (erreur) {
      const refus = lireRefus(erreur)
      const { parEleve, autres } = erreursParLigne(refus.champs, modifiees)
      setErreurs(parEleve)
      if (statutErreur(erreur) === 409) {
        setPubliees(refus.message)
        requestAnimationFrame(() => alerte.current?.focus())
        return
      }
      const premier = appreciations.eleves.find((x) => parEleve[x.eleveId])
      setEchec(`Rien n'a été enregistré. ${autres.join(' ') || (premier ? 'Corrigez les appréciations signalées.' : refus.message)}`)
      if (premier) champs.current.get(premier.eleveId)?.focus()
    } finally {
      setEnvoi(false)
    }
  }

  const etapes = [
    { libelle: 'Mes classes', chemin: '/enseignement' },
    { libelle: nom, chemin: cheminService(serviceId) },
    { libelle: `Appréciations, ${periode.libelle}` },
  ]
  return (
    <>
      <FilAriane etapes={etapes} />
      <h1>Appréciations — {periode.libelle}</h1>
      <p className="situation">
        {nom} · {pluriel(appreciations.eleves.length, 'élève', 'élèves')}
        {appreciations.moyenneClasse != null && ` · moyenne de la classe ${formaterNombre(appreciations.moyenneClasse)}/20`}
      </p>
      <ChoixPeriode periodes={periodes} choisie={periode.id} chemin={(id) => cheminAppreciations(serviceId, id)} />
      {publiees ? (
        <div ref={alerte} tabIndex={-1} className="information" role={publiees === 'publiees' ? undefined : 'alert'}>
          <p>
            {publiees === 'publiees'
              ? "Les bulletins de cette période sont publiés : les familles les lisent tels quels. Pour modifier une appréciation, demandez à la direction de retirer d'abord la publication."
              : publiees}
          </p>
        </div>
      ) : (
        <p className="aide" id="aide-appreciations">
          {LONGUEUR_MAX} caractères au plus par élève. Une appréciation vidée est effacée. Rien n'est enregistré avant « Enregistrer ».
        </p>
      )}
      {appreciations.eleves.length === 0 ? (
        <p>Aucun élève dans cette classe ou ce groupe.</p>
      ) : publiees ? (
        <ul className="appreciations lecture" aria-label="Appréciations">
          {appreciations.eleves.map((e) => (
            <li key={e.eleveId} className="appreciation">
              <p className="eleve-appreciation">
                <strong>{e.nom}</strong> {e.prenom} <span className="moyenne">{moyenne(e.moyenne)}</span>
              </p>
              <p className="texte">{e.appreciation || <em>Pas d'appréciation.</em>}</p>
            </li>
          ))}
        </ul>
      ) : (
        <form onSubmit={enregistrer} noValidate className="saisie-appreciations">
          <Raccourci cible="enregistrer-appreciations">Aller à « Enregistrer »</Raccourci>
          <ul className="appreciations" aria-label="Appréciations">
            {appreciations.eleves.map((e) => {
              const id = `appreciation-${e.eleveId}`
              const decrit = [`${id}-moyenne`, erreurs[e.eleveId] && `${id}-erreur`].filter(Boolean).join(' ')
              return (
                <li key={e.eleveId} className={modifiees.includes(e.eleveId) ? 'appreciation modifiee' : 'appreciation'}>
                  <div className="eleve-appreciation">
                    <label htmlFor={id}>
                      <strong>{e.nom}</strong> {e.prenom}
                    </label>
                    <span id={`${id}-moyenne`} className="moyenne">
                      {moyenne(e.moyenne)}
                    </span>
                  </div>
                  <textarea
                    id={id}
                    ref={(el) => {
                      champs.current.set(e.eleveId, el)
                    }}
                    rows={2}
                    maxLength={LONGUEUR_MAX}
                    value={textes[e.eleveId]}
                    aria-invalid={erreurs[e.eleveId] ? true : undefined}
                    aria-describedby={decrit}
                    onChange={(x) => {
                      const texte = x.target.value
                      setTextes((t) => ({ ...t, [e.eleveId]: texte }))
                      setSucces(null)
                    }}
                  />
                  {erreurs[e.eleveId] && (
                    <p id={`${id}-erreur`} className="erreur-champ">
                      {erreurs[e.eleveId]}
                    </p>
                  )}
                </li>
              )
            })}
          </ul>
          <div className="barre-saisie">
            {echec && (
              <p role="alert" className="erreur">
                {echec}
              </p>
            )}
            <div className="actions-saisie">
              <button id="enregistrer-appreciations" type="submit" disabled={envoi}>
                {envoi ? 'Enregistrement…' : 'Enregistrer'}
              </button>
              <p className="aide">
                {modifiees.length === 0
                  ? 'Aucune modification en attente.'
                  : pluriel(modifiees.length, 'appréciation non enregistrée', 'appréciations non enregistrées')}
              </p>
              <p role="status" className={succes ? 'succes' : undefined}>
                {succes}
              </p>
            </div>
          </div>
        </form>
      )}
    </>
  )
}

const moyenne = (valeur: number | null | undefined) => (valeur == null ? 'Pas de moyenne' : `Moyenne ${formaterNombre(valeur)}/20`)
