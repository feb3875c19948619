import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { morceaux, TexteMessage } from './texte'

describe('a message’s text', () => {
  it('makes web addresses clickable and leaves the punctuation after them', () => {
    expect(morceaux('Voir https://exemple.org/a?b=1. Merci')).toEqual([
      { texte: 'Voir ', lien: false },
      { texte: 'https://exemple.org/a?b=1', lien: true },
      { texte: '. Merci', lien: false },
    ])
  })

  it('never runs HTML: it is shown as text, and only http(s) addresses become links', () => {
    const { container } = render(<TexteMessage texte={'<b>gras</b> <a href="javascript:alert(1)">x</a> javascript:alert(2) https://ent.example.org'} />)
    expect(container.querySelector('b')).toBeNull()
    expect(screen.getByText(/<b>gras<\/b>/)).toBeTruthy()
    const liens = screen.getAllByRole('link')
    expect(liens.map((l) => l.getAttribute('href'))).toEqual(['https://ent.example.org'])
    expect(liens[0].getAttribute('rel')).toContain('noopener')
  })
})
