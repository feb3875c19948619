import { useTranslation } from 'react-i18next'
import { messageErreur } from './erreurs'

/** A failed call, said in the reader's language with what to do, and a way to try again when there is one. */
export function MessageErreur({ erreur, reessayer }: { erreur: unknown; reessayer?: () => void }) {
  const { t } = useTranslation()
  return (
    <div role="alert" className="erreur">
      <p>{messageErreur(erreur)}</p>
      {reessayer && (
        <button type="button" onClick={reessayer}>
          {t('commun.reessayer')}
        </button>
      )}
    </div>
  )
}
