import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { changerLangue } from './i18n'
import { LANGUES } from './langues'

/**
 * The language picker of the banner (and of the server's login page): each language named in itself, so a reader lost
 * in another language still finds theirs; the label in the current language. Changing it re-renders the page in place.
 */
export function ChoixLangue() {
  const { t, i18n } = useTranslation()
  const id = useId()
  return (
    <div className="choix-langue">
      <label htmlFor={id}>{t('langue.choisir')}</label>
      <select id={id} value={i18n.resolvedLanguage ?? i18n.language} onChange={(e) => void changerLangue(e.target.value)}>
        {LANGUES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.nom}
          </option>
        ))}
      </select>
    </div>
  )
}
