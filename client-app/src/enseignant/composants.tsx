import { useEffect } from 'react'
import { Link } from 'react-router'
import type { PeriodeScolaire } from '../api/ent-client'
import { formaterJour } from './commun'

export function Jour({ jour, court }: { jour: string; court?: boolean }) {
  return <time dateTime={jour}>{formaterJour(jour, court)}</time>
}

/** Where the page sits: Mes classes › service › assessment; the last step is the page itself. */
export function FilAriane({ etapes }: { etapes: { libelle: string; chemin?: string }[] }) {
  return (
    <nav aria-label="Fil d'Ariane" className="fil-ariane">
      <ol>
        {etapes.map((e, i) => (
          <li key={i}>
            {e.chemin ? (
              <Link to={e.chemin}>{e.libelle}</Link>
            ) : (
              <span aria-current="page">{e.libelle}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  )
}

/** The periods of the year as links (?periode=), the one shown marked as the current page. */
export function ChoixPeriode({ periodes, choisie, chemin }: { periodes: PeriodeScolaire[]; choisie: string; chemin: (periodeId: string) => string }) {
  return (
    <nav aria-label="Périodes" className="choix-periode">
      <ul>
        {periodes.map((p) => (
          <li key={p.id}>
            <Link to={chemin(p.id)} aria-current={p.id === choisie ? 'page' : undefined}>
              {p.libelle}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** Leaving the page (a link, a reload, closing the tab) with unsaved changes asks first. */
export function useRetenirSiModifie(modifiees: number) {
  useEffect(() => {
    if (modifiees === 0) return
    const retenir = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = '' // older browsers ask only when this is set
    }
    window.addEventListener('beforeunload', retenir)
    return () => window.removeEventListener('beforeunload', retenir)
  }, [modifiees])
}
