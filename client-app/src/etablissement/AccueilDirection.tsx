import { useCallback } from 'react'
import { Link } from 'react-router'
import type { BulletinsAPublier } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { CHEMIN_BULLETINS, etablissementsAdministres } from '../commun/direction'
import { dateLongue, pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { CHEMIN_TABLEAU, suitLaVieScolaire } from '../commun/vieScolaire'

/**
 * The head's (and a local administrator's) work to do on the home page: the report cards to publish, each due period
 * with how many classes are ready, one block per établissement they run; then a link to the vie scolaire dashboard,
 * whose own blocks say the desk's work.
 */
export function BlocsDirection() {
  const moi = useMoi()
  const etablissements = etablissementsAdministres(moi)
  return (
    <section aria-labelledby="titre-bulletins-a-publier">
      <h2 id="titre-bulletins-a-publier">Bulletins à publier</h2>
      {etablissements.map((e) => (
        <BulletinsEtablissement key={e.uai} uai={e.uai} nom={etablissements.length > 1 ? e.etablissement : null} />
      ))}
      {suitLaVieScolaire(moi) && (
        <p>
          <Link to={CHEMIN_TABLEAU}>Tableau de bord de la vie scolaire</Link> : absences du jour, justificatifs à examiner, appels non faits.
        </p>
      )}
    </section>
  )
}

function BulletinsEtablissement({ uai, nom }: { uai: string; nom: string | null }) {
  const { scolarite } = useApi()
  const charger = useCallback((signal: AbortSignal) => scolarite.obtenirAFaireEtablissement(uai, signal), [scolarite, uai])
  const [etat, recharger] = useDonnees(charger)
  return (
    <div className="carte">
      {nom && <h3>{nom}</h3>}
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.bulletins.length === 0 ? (
        <p>Aucun bulletin à publier pour le moment : les périodes en cours finissent dans plus de trois semaines.</p>
      ) : (
        <ul className="liste-simple">
          {etat.donnees.bulletins.map((b) => (
            <li key={b.periodeId}>
              <Periode periode={b} uai={uai} />
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function Periode({ periode: b, uai }: { periode: BulletinsAPublier; uai: string }) {
  const pretes = b.classes.filter((c) => c.prete).length
  const params = new URLSearchParams({ uai, periode: b.periodeId })
  return (
    <p>
      <Link to={`${CHEMIN_BULLETINS}?${params.toString()}`}>{b.libelle}</Link>
      {b.terminee ? ` (fini le ${dateLongue(b.fin)})` : ` (finit le ${dateLongue(b.fin)})`} :{' '}
      {pretes === b.classes.length ? 'toutes les classes sont prêtes' : `${pluriel(pretes, 'classe prête', 'classes prêtes')} sur ${b.classes.length}`}.
    </p>
  )
}
