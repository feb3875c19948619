import type { DemandeSortie, NouvelleDemandeSortie } from '../api/ent-client'
import { dateLongue } from '../commun/format'

/** A one-off request's status, as the family reads it. */
export const STATUTS_DEMANDE: Record<string, string> = {
  en_attente: 'En attente de la vie scolaire',
  acceptee: 'Acceptée',
  refusee: 'Refusée',
  annulee: 'Annulée',
}

const REGIMES: Record<string, string> = { externe: 'externe', demi_pensionnaire: 'demi-pensionnaire', interne: 'interne' }

/** The pupil's regime in words; « pas encore fixé » until the desk sets it. */
export const libelleRegime = (regime: string | null | undefined) => (regime ? (REGIMES[regime] ?? regime) : 'pas encore fixé')

/** « Le jeudi 3 décembre 2026, sortie à 15:30, retour à 16:30 » (or « sans retour »). */
export const libelleDemande = (d: Pick<DemandeSortie, 'date' | 'heureSortie' | 'heureRetour'>) =>
  `Le ${dateLongue(d.date)}, sortie à ${d.heureSortie}${d.heureRetour ? `, retour à ${d.heureRetour}` : ', sans retour'}`

/** The request as the API takes it: an empty return time is no return; the server checks the rest and says what is wrong. */
export const sortieDemandee = (
  saisie: { date: string; heureSortie: string; heureRetour: string; motif: string },
  certifie: boolean,
): NouvelleDemandeSortie => ({
  date: saisie.date || null,
  heureSortie: saisie.heureSortie || null,
  heureRetour: saisie.heureRetour || null,
  motif: saisie.motif.trim() || null,
  jeCertifie: certifie,
})
