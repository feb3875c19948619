import type { ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AnneeEleveVue } from '../api/ent-client'

interface PropsChoixAnnee {
  annees: AnneeEleveVue[]
  /** The year shown (from the address, else the answer's, else the current one). */
  annee: string | undefined
  /** The new year, undefined for the current one. */
  choisir: (annee: string | undefined) => void
}

/**
 * « Année scolaire »: a labelled select of the pupil's years, shown only when there is something to choose: more than
 * one year (a pupil in their first year has none), or a single past one while the pupil has no class this year yet (at
 * the rentrée, before the school's import): then « Choisir une année » stands for this year's empty page. Each year says
 * its class, the current one says so.
 */
export function ChoixAnnee({ annees, annee, choisir }: PropsChoixAnnee) {
  const courante = annees.find((a) => a.courante)?.annee
  const { t } = useTranslation('famille')
  if (annees.length === 0 || (annees.length === 1 && courante)) return null
  const valeur = annee ?? courante ?? ''
  const changer = (e: ChangeEvent<HTMLSelectElement>) => choisir(e.target.value === courante ? undefined : e.target.value)
  return (
    <div className="champ">
      <label htmlFor="annee-scolaire">{t('annee.label')}</label>
      <select id="annee-scolaire" value={valeur} onChange={changer}>
        {valeur === '' && (
          <option value="" disabled>
            {t('annee.choisir')}
          </option>
        )}
        {annees.map((a) => (
          <option key={a.annee} value={a.annee}>
            {a.courante ? t('annee.enCours', { texte: `${a.annee} · ${a.classe}` }) : `${a.annee} · ${a.classe}`}
          </option>
        ))}
      </select>
    </div>
  )
}
