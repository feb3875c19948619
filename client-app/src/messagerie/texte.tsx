import { Fragment } from 'react'

// http(s) addresses only; a trailing punctuation mark ends the sentence, not the address.
const ADRESSE = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]»']/g

/** A message's text cut into plain text and web addresses. */
export function morceaux(texte: string): { texte: string; lien: boolean }[] {
  const resultat: { texte: string; lien: boolean }[] = []
  let debut = 0
  for (const m of texte.matchAll(ADRESSE)) {
    const index = m.index ?? 0
    if (index > debut) resultat.push({ texte: texte.slice(debut, index), lien: false })
    resultat.push({ texte: m[0], lien: true })
    debut = index + m[0].length
  }
  if (debut < texte.length) resultat.push({ texte: texte.slice(debut), lien: false })
  return resultat
}

/**
 * A message as its sender typed it: plain text (React escapes it: HTML shows as text, never runs), line breaks kept
 * by CSS, web addresses made clickable in a new tab without giving it this page (noopener).
 */
export function TexteMessage({ texte }: { texte: string }) {
  return (
    <p className="texte-message">
      {morceaux(texte).map((m, i) =>
        m.lien ? (
          <a key={i} href={m.texte} target="_blank" rel="noopener noreferrer nofollow">
            {m.texte}
          </a>
        ) : (
          <Fragment key={i}>{m.texte}</Fragment>
        ),
      )}
    </p>
  )
}
