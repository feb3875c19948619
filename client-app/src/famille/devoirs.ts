import { duree } from '../commun/format'

export { duree }

/** How heavy a day is, to colour it and to say it: up to 45 minutes light, up to 1 h 30 medium, beyond heavy. */
export type NiveauCharge = 'legere' | 'moyenne' | 'lourde'

export const niveauCharge = (minutes: number): NiveauCharge => (minutes <= 45 ? 'legere' : minutes <= 90 ? 'moyenne' : 'lourde')

export const LIBELLES_CHARGE: Record<NiveauCharge, string> = { legere: 'charge légère', moyenne: 'charge moyenne', lourde: 'charge lourde' }

/** A day's load in words, for a screen reader and for the eye: « 1 h 15 de travail estimé (charge moyenne) ». */
export const libelleCharge = (minutes: number) => `${duree(minutes)} de travail estimé (${LIBELLES_CHARGE[niveauCharge(minutes)]})`
