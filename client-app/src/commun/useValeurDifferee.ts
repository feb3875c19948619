import { useEffect, useState } from 'react'

/**
 * The value once it has not changed for `delai` ms: a search typed letter by letter asks the server once the typing
 * pauses, not at every key (useDeferredValue defers the rendering, not the requests).
 */
export function useValeurDifferee<T>(valeur: T, delai = 300): T {
  const [differee, setDifferee] = useState(valeur)
  useEffect(() => {
    const minuteur = setTimeout(() => setDifferee(valeur), delai)
    return () => clearTimeout(minuteur)
  }, [valeur, delai])
  return differee
}
