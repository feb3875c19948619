import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

export function PageIntrouvable() {
  const { t } = useTranslation()
  return (
    <>
      <h1>{t('introuvable.titre')}</h1>
      <p>{t('introuvable.texte')}</p>
      <p>
        <Link to="/">{t('commun.retourAccueil')}</Link>
      </p>
    </>
  )
}
