import { Fragment, type ReactNode } from 'react'

const MARQUE = '\u2063' // INVISIBLE SEPARATOR: never in a catalogue's text

/**
 * A translated sentence with an element in it (« Publiée le <time>…</time> », whose place differs by language):
 * `traduire` receives a marker to put in the placeholder; the sentence is cut there and the element set in its place.
 */
export function avecElement(traduire: (marque: string) => string, element: ReactNode): ReactNode {
  const morceaux = traduire(MARQUE).split(MARQUE)
  return morceaux.map((m, i) => (
    <Fragment key={i}>
      {m}
      {i < morceaux.length - 1 && element}
    </Fragment>
  ))
}
