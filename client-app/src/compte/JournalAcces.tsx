import { useCallback } from 'react'
import type { Enfant } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { libelleDomaine, libelleQualite } from '../commun/profils'
import { useDonnees } from '../commun/useDonnees'
import { useApi } from '../commun/useApi'
import { Horodatage, Section } from './formulaire'

const TAILLE_JOURNAL = 20

export function JournalAcces({ enfants }: { enfants: Enfant[] }) {
  return (
    <Section id="titre-journal" titre="Qui a consulté les données de mes enfants">
      <p>Chaque consultation ou modification des données de vos enfants est enregistrée, la plus récente en premier.</p>
      {enfants.map((e) => (
        <JournalEnfant key={e.id} enfant={e} />
      ))}
    </Section>
  )
}

function JournalEnfant({ enfant }: { enfant: Enfant }) {
  const api = useApi()
  const charger = useCallback(
    (signal: AbortSignal) => api.identite.listerJournalAccesEleve(enfant.id, 1, TAILLE_JOURNAL, undefined, undefined, signal),
    [api, enfant.id],
  )
  const [etat, recharger] = useDonnees(charger)
  const titre = `journal-${enfant.id}`
  const nom = `${enfant.prenom} ${enfant.nom}`

  return (
    <section aria-labelledby={titre} className="journal">
      <h3 id={titre}>{nom}</h3>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.acces.length === 0 ? (
        <p>Aucun accès aux données de {nom} pour le moment.</p>
      ) : (
        <>
          <ul className="acces">
            {etat.donnees.acces.map((a, i) => (
              <li key={`${a.le} ${i}`}>
                <p className="quand">
                  <Horodatage le={a.le} />
                </p>
                <p>
                  <strong>{a.qui ?? 'Identité non communiquée'}</strong> ({libelleQualite(a.qualite)}
                  {a.application ? `, via ${a.application}` : ''}) {a.action === 'modification' ? 'a modifié' : 'a consulté'} :{' '}
                  {libelleDomaine(a.domaine)}
                </p>
                <p className="aide">Opération : {a.quoi}</p>
              </li>
            ))}
          </ul>
          {etat.donnees.suivante && <p>Seuls les {etat.donnees.taille} accès les plus récents sont affichés.</p>}
        </>
      )}
    </section>
  )
}
