import { useSyncExternalStore } from 'react'

/**
 * Which of the data on screen came from the store rather than the server, and since when: the offline banner's
 * source. An address is noted when its kept answer is shown, forgotten when the server answers it again; everything is
 * forgotten when the person changes page (the new page reads its own).
 */
export interface Sources {
  signaler(adresse: string, depuisLe: number | null): void
  oublier(): void
  /** The oldest date of what is shown from the store, null when everything is fresh. */
  plusAncienne(): number | null
  abonner(ecouteur: () => void): () => void
}

export function creerSources(): Sources {
  const depuis = new Map<string, number>()
  const ecouteurs = new Set<() => void>()
  let plusAncienne: number | null = null
  const changer = () => {
    plusAncienne = depuis.size === 0 ? null : Math.min(...depuis.values())
    ecouteurs.forEach((e) => e())
  }
  return {
    signaler(adresse, depuisLe) {
      if (depuisLe === null ? !depuis.delete(adresse) : depuis.get(adresse) === depuisLe) return
      if (depuisLe !== null) depuis.set(adresse, depuisLe)
      changer()
    },
    oublier() {
      if (depuis.size === 0) return
      depuis.clear()
      changer()
    },
    plusAncienne: () => plusAncienne,
    abonner(ecouteur) {
      ecouteurs.add(ecouteur)
      return () => ecouteurs.delete(ecouteur)
    },
  }
}

/** The app's one record (the session's fetch writes to it, the shell's banner reads it). */
export const sources = creerSources()

/** The oldest date (ms) of the data on screen that came from the store, or null: re-renders when it changes. */
export function useHorsLigne(de: Sources = sources): number | null {
  return useSyncExternalStore(de.abonner, de.plusAncienne, () => null)
}
