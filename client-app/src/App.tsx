import { useEffect } from 'react'
import { Accueil } from './Accueil'
import { PageIntrouvable } from './PageIntrouvable'

export const TITRE = 'Ent — Espace numérique de travail'

/** One page for now: the host answers index.html for every client route, so any other path is "page introuvable". */
export function App({ chemin = window.location.pathname }: { chemin?: string }) {
  const accueil = chemin === '/' || chemin === '/index.html'

  useEffect(() => {
    document.title = accueil ? TITRE : `Page introuvable — ${TITRE}`
  }, [accueil])

  return (
    <>
      <header className="bandeau">
        <div className="cadre">
          <a href="/" className="marque">
            Ent
          </a>
          <span className="devise">Espace numérique de travail</span>
        </div>
      </header>
      <main className="cadre">{accueil ? <Accueil /> : <PageIntrouvable />}</main>
      <footer className="pied">
        <div className="cadre">
          <p>Ent, espace numérique de travail libre pour les familles et les établissements.</p>
        </div>
      </footer>
    </>
  )
}
