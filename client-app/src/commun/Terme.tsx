import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A word families may not know (« coefficient », « demi-journée », « PAI »), with its plain explanation one tap away
 * (issue 19): a small « ? » button (aria-expanded) shows the sentence right after the word, where a screen reader reads
 * it next. Not a hover tooltip: a phone has no hover, and the text must stay when zoomed.
 */
export function Terme({ terme, definition }: { terme: string; definition: string }) {
  const { t } = useTranslation()
  const [ouvert, setOuvert] = useState(false)
  const id = useId()
  return (
    <>
      {terme}
      <button
        type="button"
        className="terme-aide"
        aria-expanded={ouvert}
        aria-controls={id}
        aria-label={t('termes.voir', { terme })}
        onClick={() => setOuvert(!ouvert)}
      >
        ?
      </button>
      <span id={id} className="terme-definition" hidden={!ouvert}>
        {definition}
      </span>
    </>
  )
}
