import type { ChargeJour } from '../api/ent-client'

/** The editor's address for a lesson: /enseignement/services/{id}/cahier-de-textes?debut=…&fin=… */
export const cheminCahier = (serviceId: string, debut?: string, fin?: string) =>
  `/enseignement/services/${serviceId}/cahier-de-textes${debut && fin ? `?${new URLSearchParams({ debut, fin })}` : ''}`

/** A day's load for the due-day picker: « 2 devoirs dont 1 contrôle, 1 h 15 » (nothing due: « rien de prévu »). */
export function libelleChargeJour(charge: Pick<ChargeJour, 'nombre' | 'evaluations' | 'minutes'> | undefined): string {
  if (!charge || charge.nombre === 0) return 'rien de prévu'
  const devoirs = `${charge.nombre} devoir${charge.nombre > 1 ? 's' : ''}`
  const controles = charge.evaluations > 0 ? ` dont ${charge.evaluations} contrôle${charge.evaluations > 1 ? 's' : ''}` : ''
  const h = Math.floor(charge.minutes / 60)
  const m = charge.minutes % 60
  const temps = h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`
  return `${devoirs}${controles}, ${temps}`
}

/** An instant typed in a datetime-local field (Paris time on a French phone) as an ISO instant; null when empty or invalid. */
export function instantLocal(valeur: string): string | null {
  if (!valeur) return null
  const date = new Date(valeur)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}
