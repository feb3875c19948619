import i18next from 'i18next'
import type { Moi } from '../api/ent-client'
import { horaire, jourDe, jourLong, nombre } from './format'

export const CHEMIN_APPEL = '/appel'
export const CHEMIN_TABLEAU = '/vie-scolaire'

const FONCTIONS_VIE_SCOLAIRE = ['cpe', 'direction']

/** The établissements whose desk the person is part of (CPE, direction): the dashboard is theirs. */
export const etablissementsVieScolaire = (moi: Pick<Moi, 'profils'> | null | undefined) =>
  (moi?.profils ?? []).filter((p) => p.profil === 'personnel' && FONCTIONS_VIE_SCOLAIRE.includes(p.fonction ?? ''))

export const suitLaVieScolaire = (moi: Pick<Moi, 'profils'> | null | undefined) => etablissementsVieScolaire(moi).length > 0

/** The day before or after, as the API writes days. */
export function decalerJour(jour: string, jours: number): string {
  const d = new Date(`${jour}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + jours)
  return d.toISOString().slice(0, 10)
}

export const jourValide = (jour: string | null): jour is string => !!jour && /^\d{4}-\d{2}-\d{2}$/.test(jour) && !Number.isNaN(Date.parse(jour))

/** « Dupont Marie », the order staff lists use (sorted by family name). */
export const nomListe = (p: { nom: string; prenom: string }) => `${p.nom} ${p.prenom}`
/** « Marie Dupont », as a family says it. */
export const nomUsuel = (p: { nom: string; prenom: string }) => `${p.prenom} ${p.nom}`

/** An absence's status in words; the tags also carry a sign, so that colour is never the only clue. */
// The words in the reader's language (commun:absence.<statut>).
export const STATUTS_ABSENCE: Record<string, { readonly libelle: string; signe: string }> = Object.fromEntries(
  Object.entries({ non_justifiee: '!', justificatif_depose: '…', justifiee: '✓', refusee: '✗' }).map(([statut, signe]) => [
    statut,
    {
      signe,
      get libelle() {
        return i18next.t(`commun:absence.${statut}`)
      },
    },
  ]),
)

export const libelleStatut = (statut: string) => STATUTS_ABSENCE[statut]?.libelle ?? statut

/** « Absence » or « Retard de 10 min ». */
export const libelleType = (a: { type: string; minutesRetard?: number | null }) =>
  a.type === 'retard'
    ? a.minutesRetard
      ? i18next.t('commun:absence.retardDe', { minutes: a.minutesRetard })
      : i18next.t('commun:absence.retard')
    : i18next.t('commun:absence.absence')

/** « Absence — jeudi 27 novembre 2026, 08:00–08:55 · Français — 2NDE1 ». */
export const descriptionAbsence = (a: { type: string; minutesRetard?: number | null; debut: string; fin: string; cours?: string | null }) =>
  `${libelleType(a)} — ${jourLong(jourDe(a.debut))}, ${horaire(a.debut, a.fin)}${a.cours ? ` · ${a.cours}` : ''}`

/** Bytes as a French reads a file's size: « 245 Ko », « 4,2 Mo ». */
export function taille(octets: number): string {
  if (octets < 1024) return i18next.t('commun:taille.octets', { n: octets })
  if (octets < 1024 * 1024) return i18next.t('commun:taille.ko', { n: Math.round(octets / 1024) })
  return i18next.t('commun:taille.mo', { n: nombre(Math.round((octets * 10) / (1024 * 1024)) / 10) })
}
