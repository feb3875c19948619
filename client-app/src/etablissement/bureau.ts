import { useSearchParams } from 'react-router'
import type { Moi } from '../api/ent-client'
import { etablissementsVieScolaire } from '../commun/vieScolaire'

// The desk's pages (CPE, head): paths written once, for the links between them.
export const CHEMIN_SORTIES = '/vie-scolaire/sorties'
export const CHEMIN_APPELS = '/vie-scolaire/appels'
export const CHEMIN_ELEVES = '/vie-scolaire/eleves'
export const cheminEleve = (eleveId: string) => `${CHEMIN_ELEVES}/${encodeURIComponent(eleveId)}`
export const cheminRecherche = (q: string) => `${CHEMIN_ELEVES}?q=${encodeURIComponent(q)}`

/**
 * What a link to a pupil's page carries (history state, kept by reload and back): their name, class and guardians, so
 * that the page can say who it is about without another read of the directory.
 */
export interface EleveConnu {
  nom: string
  prenom: string
  classe?: string | null
  responsables?: { nom: string; prenom: string; lien: string }[]
}

/**
 * The établissement whose desk the page works for: the one named in the address (?uai=), if the person is part of its
 * desk, else their first. Undefined for someone who is part of none.
 */
export function useUaiVieScolaire(moi: Moi): string | undefined {
  const [params] = useSearchParams()
  const uais = etablissementsVieScolaire(moi).map((e) => e.uai)
  const demande = params.get('uai')
  return demande && uais.includes(demande) ? demande : uais[0]
}

const LIENS: Record<string, string> = { mere: 'mère', pere: 'père', tuteur: 'tuteur·rice', autre: 'responsable' }

/** « Claire Dupont (mère) ». */
export const responsableLibelle = (r: { nom: string; prenom: string; lien: string }) => `${r.prenom} ${r.nom} (${LIENS[r.lien] ?? r.lien})`

/**
 * A wall-clock time at Paris as the API takes instants: ('2026-11-30', '08:00') → '2026-11-30T08:00:00+01:00'.
 * The offset is Paris's at that moment (summer time included), whatever the device's zone.
 */
export function instantParis(jour: string, heure: string): string {
  const suppose = new Date(`${jour}T${heure}:00Z`)
  const decalage = (instant: Date) => {
    const nom = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .find((p) => p.type === 'timeZoneName')?.value
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(nom ?? '')
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
  }
  // The offset at the wall time read as UTC, then at the instant it gives: right on both sides of a change of time.
  const minutes = decalage(new Date(suppose.getTime() - decalage(suppose) * 60_000))
  const signe = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${jour}T${heure}:00${signe}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}
