import { Link } from 'react-router'
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
