import { useEffect, useState } from 'react'

export type Etat<T> =
  | { statut: 'chargement' }
  | { statut: 'erreur'; erreur: unknown }
  | { statut: 'pret'; donnees: T }

/**
 * Loads data when `charger` changes (memoize it with useCallback) and again on demand through the returned `recharger`.
 * A load that is superseded or unmounted is aborted, so a slow answer never overwrites a newer one.
 */
export function useDonnees<T>(charger: (signal: AbortSignal) => Promise<T>): [Etat<T>, () => void] {
  const [tentative, setTentative] = useState(0)
  // The answer remembers which load it belongs to: "chargement" is derived, not set, when a new load starts.
  const [reponse, setReponse] = useState<{ charger: typeof charger; tentative: number; etat: Etat<T> }>()

  useEffect(() => {
    const controleur = new AbortController()
    const repondre = (etat: Etat<T>) => {
      if (!controleur.signal.aborted) setReponse({ charger, tentative, etat })
    }
    charger(controleur.signal).then(
      (donnees) => repondre({ statut: 'pret', donnees }),
      (erreur: unknown) => repondre({ statut: 'erreur', erreur }),
    )
    return () => controleur.abort()
  }, [charger, tentative])

  const aJour = reponse?.charger === charger && reponse.tentative === tentative
  return [aJour ? reponse.etat : { statut: 'chargement' }, () => setTentative((n) => n + 1)]
}
