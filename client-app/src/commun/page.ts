import { useTranslation } from 'react-i18next'
import { useMatches, useOutletContext } from 'react-router'
import type { Enfant, Moi } from '../api/ent-client'

/** What a route of the table says about its page (route `handle`): read by the shell. */
export interface PageRoute {
  /** The page's name: document title, and the heading while the person is not connected or not yet known. */
  titre?: string
  /** Without a session: « Connectez-vous … {pour}. »; absent for pages that need no session. */
  pour?: string
  /** The page needs the connected person (`useMoi`): the shell waits for it. */
  attendMoi?: boolean
}

/** What the connected shell gives its pages (the outlet's context). */
export interface Espace {
  /** The connected person, null until read. */
  moi: Moi | null
  /** The child named in the address (?eleve=), as asked: it may be nobody's. */
  idChoisi: string | null
  choisir: (id: string) => void
  /** The followed child: the chosen one, else the first. */
  suivi: Enfant | undefined
  /** An address of the app keeping the chosen child (?eleve=) when there is a choice to keep. */
  lien: (chemin: string) => string
}

export const useEspace = () => useOutletContext<Espace>()

/** The connected person, on a page whose route says `attendMoi` (the shell renders it only once known). */
export function useMoi(): Moi {
  const { moi } = useEspace()
  if (!moi) throw new Error('useMoi sur une page sans attendMoi')
  return moi
}

/**
 * The handle of the deepest route matched: what the page is, its title and `pour` in the reader's language (the route
 * table is written in French; the catalogue's « pages » translate each phrase, the French phrase being the key).
 */
export function usePageRoute(): PageRoute {
  const matches = useMatches()
  const { i18n } = useTranslation()
  const page = (matches.at(-1)?.handle ?? {}) as PageRoute
  // French: the key is the text (the namespace is not even loaded); another language: loaded with its « commun ».
  const pages = (i18n.getResourceBundle(i18n.resolvedLanguage ?? i18n.language, 'pages') ?? {}) as Record<string, string>
  const traduire = (texte?: string) => (texte === undefined ? undefined : (pages[texte] ?? texte))
  return { ...page, titre: traduire(page.titre), pour: traduire(page.pour) }
}
