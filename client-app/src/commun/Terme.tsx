import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A word families may not know (« coefficient », « demi-journée », « PAI »), with its plain explanation one tap away
 * (issue 19): a small « ? » button (aria-expanded) shows the sentence right after the word, where a screen reader reads
 * it next. Not a hover tooltip: a phone has no hover, and the text must stay when zoomed.
 */
export function Terme({ terme, definition, libelle = terme }: { terme: string; definition: string; libelle?: string }) {
  const { t } = useTranslation()
  const [ouvert, setOuvert] = useState(false)
  const id = useId()
  return (
    <>
      {terme}
      {/* Without the word beside it, the button says the question in full. */}
      <button
        type="button"
        className={terme ? 'terme-aide' : 'terme-question'}
        aria-expanded={ouvert}
        aria-controls={id}
        aria-label={terme ? t('termes.voir', { terme: libelle }) : undefined}
        onClick={() => setOuvert(!ouvert)}
      >
        {terme ? '?' : t('termes.voir', { terme: libelle })}
      </button>
      <span id={id} className="terme-definition" hidden={!ouvert}>
        {definition}
      </span>
    </>
  )
}
