import type { EvenementAgenda } from '../api/ent-client'
import { parMois } from './calendrier'
import { CarteEvenement } from './CarteEvenement'

/** Events by month, each month a section with its heading; says so when there are none. */
export function ListeAgenda({
  evenements,
  depuis,
  personnel = false,
  modifier,
  supprimer,
}: {
  evenements: EvenementAgenda[]
  depuis: string
  personnel?: boolean
  modifier?: (e: EvenementAgenda) => void
  supprimer?: (e: EvenementAgenda) => void
}) {
  if (evenements.length === 0) return <p className="information">Aucun événement sur cette période.</p>
  return (
    <>
      {parMois(evenements, depuis).map((m) => (
        <section key={m.mois} aria-labelledby={`mois-${m.mois}`} className="mois-agenda">
          <h2 id={`mois-${m.mois}`}>{m.libelle}</h2>
          <ul className="cartes evenements">
            {m.evenements.map((e) => (
              <CarteEvenement key={e.id} evenement={e} personnel={personnel} modifier={modifier} supprimer={supprimer} />
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

/** « Trois mois plus tôt / plus tard »: moves the period shown by whole months. */
export function NavigationPeriode({ libelle, decaler }: { libelle: string; decaler: (mois: number) => void }) {
  return (
    <nav aria-label="Période affichée" className="navigation-periode">
      <button type="button" className="secondaire" onClick={() => decaler(-3)}>
        ← Trois mois plus tôt
      </button>
      <p aria-live="polite" className="periode">
        {libelle}
      </p>
      <button type="button" className="secondaire" onClick={() => decaler(3)}>
        Trois mois plus tard →
      </button>
    </nav>
  )
}
