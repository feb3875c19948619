import { useRef, type TouchEvent } from 'react'
import { jourVoisin, lundiDe } from './emploiDuTemps'
import { jourLong } from './format'
import { decalerJour } from './vieScolaire'

export type VueEdt = 'jour' | 'semaine'

interface Props {
  jour: string
  vue: VueEdt
  aujourdhui: string
  changer: (jour: string, vue: VueEdt) => void
}

/**
 * The day or week shown, and how to move: « Jour précédent / suivant » (« Semaine … » in the week view), back to today,
 * and the switch between the day and the week. The heading says where one is; it is announced when it changes.
 */
export function NavigationJours({ jour, vue, aujourdhui, changer }: Props) {
  const pas = (sens: 1 | -1) => (vue === 'jour' ? jourVoisin(jour, sens) : decalerJour(lundiDe(jour), 7 * sens))
  return (
    <>
      <h2 aria-live="polite" className="titre-jour">
        {vue === 'jour' ? capitale(jourLong(jour)) : `Semaine du ${jourLong(lundiDe(jour))}`}
        {jour === aujourdhui && vue === 'jour' && " (aujourd'hui)"}
      </h2>
      <div className="navigation-jours">
        <button type="button" className="secondaire" onClick={() => changer(pas(-1), vue)}>
          {vue === 'jour' ? 'Jour précédent' : 'Semaine précédente'}
        </button>
        <button type="button" className="secondaire" onClick={() => changer(pas(1), vue)}>
          {vue === 'jour' ? 'Jour suivant' : 'Semaine suivante'}
        </button>
        {jour !== aujourdhui && (
          <button type="button" className="secondaire" onClick={() => changer(aujourdhui, vue)}>
            Aujourd'hui
          </button>
        )}
        <button type="button" className="secondaire" aria-pressed={vue === 'semaine'} onClick={() => changer(jour, vue === 'jour' ? 'semaine' : 'jour')}>
          Vue semaine
        </button>
      </div>
    </>
  )
}

const capitale = (texte: string) => texte.charAt(0).toUpperCase() + texte.slice(1)

/** Touch handlers: a horizontal swipe of 60 px or more calls `suivant` (to the left) or `precedent` (to the right). */
export function useGlisser(precedent: () => void, suivant: () => void) {
  const depart = useRef<{ x: number; y: number } | null>(null)
  return {
    onTouchStart: (e: TouchEvent) => {
      const t = e.touches[0]
      depart.current = t ? { x: t.clientX, y: t.clientY } : null
    },
    onTouchEnd: (e: TouchEvent) => {
      const t = e.changedTouches[0]
      const d = depart.current
      depart.current = null
      if (!t || !d) return
      const dx = t.clientX - d.x
      const dy = t.clientY - d.y
      if (Math.abs(dx) < 60 || Math.abs(dx) < Math.abs(dy) * 1.5) return
      if (dx < 0) suivant()
      else precedent()
    },
  }
}
