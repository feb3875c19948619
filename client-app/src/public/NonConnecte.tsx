import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

/** A page reached without a session (a notification's or an SMS's link, a bookmark, or the session ended): say what it needs. */
export function NonConnecte({ titre, pour }: { titre: string; pour: string }) {
  const { t } = useTranslation()
  return (
    <>
      <h1>{titre}</h1>
      <p>{t('session.nonConnecte', { bouton: t('session.seConnecter'), pour })}</p>
      <p>
        <Link to="/">{t('commun.retourAccueil')}</Link>
      </p>
    </>
  )
}
