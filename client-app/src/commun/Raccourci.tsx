import { useEffect, useState, type MouseEvent, type ReactNode } from 'react'
import { createPortal } from 'react-dom'

/** Where the shell (Coquille) puts the pages' skip links: before its header, the first stops of the Tab key. */
export const HOTE_RACCOURCIS = 'raccourcis'

/**
 * A skip link to the page's main action (« Valider l'appel », « Enregistrer »): hidden until focused, it is the first
 * Tab stop of the page, and Enter moves the focus onto the action itself.
 */
export function Raccourci({ cible, children }: { cible: string; children: ReactNode }) {
  const [hote, setHote] = useState<HTMLElement | null>(null)
  useEffect(() => setHote(document.getElementById(HOTE_RACCOURCIS)), [])
  const aller = (e: MouseEvent<HTMLAnchorElement>) => {
    const element = document.getElementById(cible)
    if (!element) return
    e.preventDefault()
    element.focus()
  }
  return hote
    ? createPortal(
        <a href={`#${cible}`} className="raccourci" onClick={aller}>
          {children}
        </a>,
        hote,
      )
    : null
}
