import { messageErreur } from './erreurs'

/** A failed call, said in French with what to do, and a way to try again when there is one. */
export function MessageErreur({ erreur, reessayer }: { erreur: unknown; reessayer?: () => void }) {
  return (
    <div role="alert" className="erreur">
      <p>{messageErreur(erreur)}</p>
      {reessayer && (
        <button type="button" onClick={reessayer}>
          Réessayer
        </button>
      )}
    </div>
  )
}
