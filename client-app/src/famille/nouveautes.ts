import i18next, { type TFunction } from 'i18next'
import type { DemandeSortie, Notification } from '../api/ent-client'
import { dateLongue } from '../commun/format'
import { avecEleve } from '../commun/suivi'

/** One line of « Depuis votre dernière visite »: what, and the address that shows it. */
export interface Nouveaute {
  cle: string
  texte: string
  chemin: string
  /** Set when `chemin` already names the pupil (it is then followed as is). */
  eleveId?: string
}

/** Only a path of this site is followed: a notification's link never leads elsewhere. */
export const lienInterne = (lien: string | null | undefined) => (lien && /^\/(?![/\\])/.test(lien) ? lien : null)

const SEMAINE = 7 * 24 * 3600 * 1000

// The notifications' kinds a family follows, as counted lines; the newest one's link opens the page at its item.
// The infirmary first (issue 18): a child sent home or the emergency services called. Texts: accueil.nouveautes.<categorie>.
const GENRES: { categorie: string; chemin: string }[] = [
  { categorie: 'sante', chemin: '/sante' },
  { categorie: 'notes', chemin: '/notes' },
  { categorie: 'absence', chemin: '/absences' },
  { categorie: 'justificatif', chemin: '/absences' },
]

/** The desk's answers said on the home page. */
const STATUTS = new Set(['acceptee', 'refusee'])

/**
 * What is new since `depuis` (the previous visit; null on the first: the unread notifications and the answers of the
 * last seven days): per kind and per child, then each exit request the desk answered. Notifications newest first.
 */
export function nouveautes(
  notifications: readonly Notification[],
  sorties: readonly { eleve: { id: string; nom: string | null }; demandes: readonly DemandeSortie[] }[],
  depuis: string | null,
  maintenant = new Date(),
  t: TFunction = i18next.getFixedT(null, 'accueil'),
): Nouveaute[] {
  const apres = (le: string) => (depuis ? Date.parse(le) > Date.parse(depuis) : maintenant.getTime() - Date.parse(le) < SEMAINE)
  const nouvelles = notifications.filter((n) => (depuis ? apres(n.le) : !n.lue))
  const nom = (eleveId: string | null | undefined) => sorties.find((s) => s.eleve.id === eleveId)?.eleve.nom ?? null
  const lignes: Nouveaute[] = []
  for (const genre of GENRES) {
    const duGenre = nouvelles.filter((n) => n.categorie === genre.categorie)
    for (const eleveId of [...new Set(duGenre.map((n) => n.eleveId ?? null))]) {
      const siennes = duGenre.filter((n) => (n.eleveId ?? null) === eleveId)
      const qui = nom(eleveId)
      const lien = lienInterne(siennes[0].lien)
      lignes.push({
        cle: `${genre.categorie} ${eleveId}`,
        texte: qui
          ? t('nouveautes.qui', { texte: t(`nouveautes.${genre.categorie}`, { n: siennes.length }), nom: qui })
          : t(`nouveautes.${genre.categorie}`, { n: siennes.length }),
        chemin: lien ?? (eleveId ? avecEleve(genre.chemin, eleveId) : genre.chemin),
        eleveId: eleveId ?? undefined,
      })
    }
  }
  for (const { eleve, demandes } of sorties) {
    for (const d of demandes.filter((d) => d.traiteeLe && STATUTS.has(d.statut) && apres(d.traiteeLe))) {
      lignes.push({
        cle: `sortie ${d.id}`,
        texte: eleve.nom
          ? t('nouveautes.sortieQui', { date: dateLongue(d.date), nom: eleve.nom, statut: d.statut })
          : t('nouveautes.sortie', { date: dateLongue(d.date), statut: d.statut }),
        chemin: avecEleve('/sorties', eleve.id),
        eleveId: eleve.id,
      })
    }
  }
  return lignes
}
