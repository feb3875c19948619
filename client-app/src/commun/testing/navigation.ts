import { fireEvent, screen, within } from '@testing-library/react'

type Lien = [nom: string, href: string | null, courant: string | null]
type GroupeLu = [nom: string, courant: string | null, liens: Lien[]]

/** Test helper: the main navigation landmark. */
export const navigationPrincipale = () => screen.getByRole('navigation', { name: 'Navigation principale' })

const lire = (a: HTMLAnchorElement): Lien => [a.textContent ?? '', a.getAttribute('href'), a.getAttribute('aria-current')]

/**
 * The navigation as it is built, closed groups included: a top-level link reads [name, href, aria-current], a group
 * [its button's name (or its heading's on a phone), the button's aria-current, its links]. Read from the DOM, not the
 * accessibility tree, so that the links of a closed group (hidden) are checked too.
 */
export function navigationAffichee(nav: HTMLElement = navigationPrincipale()): (Lien | GroupeLu)[] {
  const haut = nav.querySelector('ul') as HTMLUListElement
  return [...haut.querySelectorAll<HTMLLIElement>(':scope > li')].map((li) => {
    const liste = li.querySelector('ul')
    if (!liste) return lire(li.querySelector('a') as HTMLAnchorElement)
    const titre = li.querySelector('button, h2') as HTMLElement
    return [titre.textContent ?? '', titre.getAttribute('aria-current'), [...liste.querySelectorAll('a')].map(lire)]
  })
}

/** Every link of the navigation in order, closed groups included: [name, href, aria-current]. */
export const liensNavigation = (nav: HTMLElement = navigationPrincipale()) => [...nav.querySelectorAll('a')].map(lire)

/** A navigation link, its group opened first when it is in one (as a person would: a click on the group's button). */
export function lienNavigation(nom: string, nav: HTMLElement = navigationPrincipale()): HTMLElement {
  const lien = within(nav).getByRole('link', { name: nom, hidden: true })
  const liste = lien.closest('ul[hidden]')
  if (liste) fireEvent.click(nav.querySelector(`button[aria-controls="${liste.id}"]`) as HTMLElement)
  return within(nav).getByRole('link', { name: nom })
}
