import type { PageFamille } from '../commun/suivi'

/** The navigation's entries about a pupil, for pupils and guardians; `lien` keeps the chosen child in each address. */
export function EntreesNavigation({ page, lien }: { page: string; lien: (chemin: string) => string }) {
  const entrees: [PageFamille, string, string][] = [
    ['notes', '/notes', 'Notes'],
    ['bulletins', '/bulletins', 'Bulletins'],
    ['absences', '/absences', 'Absences'],
  ]
  return entrees.map(([cle, chemin, libelle]) => (
    <li key={cle}>
      <a href={lien(chemin)} aria-current={page === cle ? 'page' : undefined}>
        {libelle}
      </a>
    </li>
  ))
}
