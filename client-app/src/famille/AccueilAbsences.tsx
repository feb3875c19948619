import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCallback, useMemo } from 'react'
import type { Moi } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { avecEleve, estEleve } from '../commun/suivi'
import { useDonnees } from '../commun/useDonnees'
import '../commun/viescolaire.css'
import { useApi } from '../commun/useApi'

/** The pupils whose absences the home page counts: the children whose attendance the guardian sees, or the pupil. */
function suivisDe(moi: Moi): { id: string; nom: string | null; legal: boolean }[] {
  if (moi.enfants.length > 0) {
    return moi.enfants.filter((e) => e.domaines.includes('vie_scolaire')).map((e) => ({ id: e.id, nom: `${e.prenom} ${e.nom}`, legal: e.legal }))
  }
  return estEleve(moi) ? [{ id: moi.id, nom: null, legal: false }] : []
}

/**
 * The home page's « Absences »: for each child (or the pupil themself), how many absences wait for a justification,
 * and the way to the absences page. Children whose attendance the guardian may not see are left out.
 */
export function AbsencesAJustifier({ moi }: { moi: Moi }) {
  const client = useApi().vieScolaire
  const suivis = useMemo(() => suivisDe(moi), [moi])
  const charger = useCallback(
    (signal: AbortSignal) => Promise.all(suivis.map((s) => ouIntrouvable(client.listerAbsencesEleve(s.id, undefined, signal)))),
    [client, suivis],
  )
  const [etat, recharger] = useDonnees(charger)
  const { t } = useTranslation('accueil')
  if (suivis.length === 0) return null

  return (
    <section aria-labelledby="titre-absences-accueil">
      <h2 id="titre-absences-accueil">{t('absences.titre')}</h2>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <ul className="cartes">
          {suivis.map((s, i) => {
            const absences = etat.donnees[i]
            if (!absences) return null
            const n = absences.aJustifier
            const lien = moi.enfants.length > 0 ? avecEleve('/absences', s.id) : '/absences'
            return (
              <li key={s.id} className={n > 0 ? 'carte a-justifier' : 'carte'}>
                {s.nom && <h3>{s.nom}</h3>}
                <p>
                  {n > 0 ? (
                    <strong>
                      <span aria-hidden="true">! </span>
                      {t('absences.aJustifier', { n })}
                    </strong>
                  ) : (
                    t('absences.aucune')
                  )}
                </p>
                <p>
                  <Link
                    to={lien}
                    aria-label={s.nom ? t(n > 0 && s.legal ? 'absences.justifierDe' : 'absences.voirDe', { nom: s.nom }) : undefined}
                  >
                    {t(n > 0 && s.legal ? 'absences.justifier' : 'absences.voir')}
                  </Link>
                </p>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
