import { useTranslation } from 'react-i18next'
import { MessageErreur } from './MessageErreur'
import type { Etat } from './useDonnees'

/** What to show while data is not ready: a polite status, or the error with a way to try again. */
export function Attente({ etat, recharger }: { etat: Etat<unknown>; recharger: () => void }) {
  const { t } = useTranslation()
  if (etat.statut === 'chargement') {
    return <p role="status">{t('commun.chargement')}</p>
  }
  if (etat.statut === 'erreur') return <MessageErreur erreur={etat.erreur} reessayer={recharger} />
  return null
}
