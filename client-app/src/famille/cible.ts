import { useEffect, useRef } from 'react'

/**
 * The item a link points to (a notification's grade, an SMS's absence): once it is on screen, it is scrolled into view
 * and focused, once, so that a screen reader reads it and the keyboard starts there. Attach the ref to the item (with
 * tabIndex -1) and say when the page is shown (`pret`).
 */
export function useCible<T extends HTMLElement>(pret: boolean) {
  const ref = useRef<T>(null)
  const fait = useRef(false)
  useEffect(() => {
    if (!pret || fait.current || !ref.current) return
    fait.current = true
    ref.current.focus({ preventScroll: true })
    ref.current.scrollIntoView?.({ block: 'center' }) // jsdom has none
  }, [pret])
  return ref
}

/** The query parameters an address of the app carries (the links' formats: see LiensFamille on the server). */
export const parametre = (nom: string, recherche = window.location.search) => new URLSearchParams(recherche).get(nom)
