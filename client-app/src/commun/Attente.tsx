import { MessageErreur } from './MessageErreur'
import type { Etat } from './useDonnees'

/** What to show while data is not ready: a polite status, or the error with a way to try again. */
export function Attente({ etat, recharger }: { etat: Etat<unknown>; recharger: () => void }) {
  if (etat.statut === 'chargement') {
    return <p role="status">Chargement…</p>
  }
  if (etat.statut === 'erreur') return <MessageErreur erreur={etat.erreur} reessayer={recharger} />
  return null
}
