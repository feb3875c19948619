import type { Etat } from './useDonnees'

/** What to show while data is not ready: a polite status, or the error with a way to try again. */
export function Attente({ etat, recharger }: { etat: Etat<unknown>; recharger: () => void }) {
  if (etat.statut === 'chargement') {
    return <p role="status">Chargement…</p>
  }
  return (
    <div role="alert" className="erreur">
      <p>Impossible de joindre le serveur. Réessayez.</p>
      <button type="button" onClick={recharger}>
        Réessayer
      </button>
    </div>
  )
}
