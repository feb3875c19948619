import { useEffect, useId, useRef, useState, useSyncExternalStore, type FocusEvent, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { matchPath, NavLink, useLocation } from 'react-router'
import { estGroupe, type Entree, type Rubrique } from './planNavigation'

const estCourante = (e: Entree, pathname: string) => matchPath({ path: e.chemin, end: !!e.fin }, pathname) !== null

/** The width from which the groups sit in a row (as in index.css); below it, « Menu » holds them. */
const LARGE = '(min-width: 48rem)'

function abonner(rappel: () => void) {
  if (typeof window.matchMedia !== 'function') return () => {}
  const requete = window.matchMedia(LARGE)
  requete.addEventListener('change', rappel)
  return () => requete.removeEventListener('change', rappel)
}

// Without matchMedia (jsdom in unit tests) the wide layout is the default.
const ecranLarge = () => typeof window.matchMedia !== 'function' || window.matchMedia(LARGE).matches

/**
 * The disclosure-navigation pattern (WAI-ARIA APG), not an ARIA menu: a menu's arrow-key model is unknown to most
 * people, and links must stay links. On a wide screen each group is a button (aria-expanded) revealing its links; one
 * group is open at a time; Escape closes it and gives the focus back to its button; a click or the focus elsewhere
 * closes it; the group holding the current page is marked (aria-current="true"), the page itself aria-current="page".
 * On a phone (or zoomed to 400 %) everything is behind one « Menu » button: the groups are headed sections there, all
 * their links shown at once (a second level of buttons would be one tap too many). `apres` is the child switcher.
 */
export function NavigationPrincipale({ plan, apres }: { plan: Rubrique[]; apres?: ReactNode }) {
  const { pathname } = useLocation()
  const { t } = useTranslation()
  const large = useSyncExternalStore(abonner, ecranLarge)
  const id = useId()
  // Following an entry closes what was open: a new path resets the state.
  const [ouvert, setOuvert] = useState<{ menu: boolean; groupe: string | null; chemin: string }>({ menu: false, groupe: null, chemin: pathname })
  if (ouvert.chemin !== pathname) setOuvert({ menu: false, groupe: null, chemin: pathname })
  const fermer = () => setOuvert({ menu: false, groupe: null, chemin: pathname })
  const nav = useRef<HTMLElement>(null)
  const boutonMenu = useRef<HTMLButtonElement>(null)
  const boutons = useRef(new Map<string, HTMLButtonElement>())
  const groupeOuvert = large ? ouvert.groupe : null

  // A pointer pressed outside the navigation closes the open group (the focus may not move, e.g. on the page's text).
  useEffect(() => {
    if (groupeOuvert === null) return
    const dehors = (e: PointerEvent) => {
      if (!nav.current?.contains(e.target as Node)) setOuvert((o) => ({ ...o, groupe: null }))
    }
    document.addEventListener('pointerdown', dehors)
    return () => document.removeEventListener('pointerdown', dehors)
  }, [groupeOuvert])

  const clavier = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return
    if (groupeOuvert !== null) {
      fermer()
      boutons.current.get(groupeOuvert)?.focus()
    } else if (!large && ouvert.menu) {
      fermer()
      boutonMenu.current?.focus()
    }
  }
  // Tabbing out of the navigation closes the open group. A null relatedTarget (a click on a link that takes no focus,
  // as in Safari) must not: the list would vanish under the pointer; the pointerdown listener handles clicks.
  const focusSorti = (e: FocusEvent) => {
    const vers = e.relatedTarget as Node | null
    if (groupeOuvert !== null && vers && !nav.current?.contains(vers)) setOuvert((o) => ({ ...o, groupe: null }))
  }

  const lien = (e: Entree) => (
    <NavLink
      to={e.vers}
      end={e.fin}
      aria-current={e.section ? (matchPath({ path: e.chemin, end: true }, pathname) ? 'page' : 'true') : 'page'}
    >
      {e.nom}
    </NavLink>
  )

  return (
    <nav aria-label={t('nav.principale')} className="navigation" ref={nav} onKeyDown={clavier} onBlur={focusSorti}>
      <div className="cadre">
        {!large && (
          <button
            type="button"
            ref={boutonMenu}
            className="secondaire bouton-menu"
            aria-expanded={ouvert.menu}
            aria-controls={`${id}-menu`}
            onClick={() => setOuvert({ menu: !ouvert.menu, groupe: null, chemin: pathname })}
          >
            {t('nav.menu')}
          </button>
        )}
        {/* Following an entry closes the menu or the group, even the current page's (the address does not change). */}
        <ul id={`${id}-menu`} className={large ? 'groupes' : 'menu'} hidden={!large && !ouvert.menu} onClick={(e) => (e.target as Element).closest('a') && fermer()}>
          {plan.map((element, i) => {
            if (!estGroupe(element)) return <li key={element.nom}>{lien(element)}</li>
            const liste = `${id}-groupe-${i}`
            if (!large) {
              return (
                <li key={element.nom} className="section">
                  <h2 id={`${liste}-titre`}>{element.nom}</h2>
                  <ul aria-labelledby={`${liste}-titre`}>
                    {element.entrees.map((e) => (
                      <li key={e.nom}>{lien(e)}</li>
                    ))}
                  </ul>
                </li>
              )
            }
            const deplie = groupeOuvert === element.nom
            const courant = element.entrees.some((e) => estCourante(e, pathname))
            return (
              <li key={element.nom} className="groupe">
                <button
                  type="button"
                  ref={(b) => {
                    if (b) boutons.current.set(element.nom, b)
                    else boutons.current.delete(element.nom)
                  }}
                  aria-expanded={deplie}
                  aria-controls={liste}
                  aria-current={courant ? 'true' : undefined}
                  onClick={() => setOuvert({ menu: false, groupe: deplie ? null : element.nom, chemin: pathname })}
                >
                  {element.nom}
                </button>
                <ul id={liste} hidden={!deplie}>
                  {element.entrees.map((e) => (
                    <li key={e.nom}>{lien(e)}</li>
                  ))}
                </ul>
              </li>
            )
          })}
        </ul>
        {apres}
      </div>
    </nav>
  )
}
