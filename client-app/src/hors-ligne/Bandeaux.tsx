import { useEffect } from 'react'
import { useLocation } from 'react-router'
import { MISE_A_JOUR_PRETE, phraseHorsLigne } from './messages'
import { miseAJour as miseAJourApp, useMiseAJour, type MiseAJour } from './miseAJour'
import { sources as sourcesApp, useHorsLigne, type Sources } from './sources'

/**
 * The shell's two notices of issue 19, under the header: the data on screen came from this device's store (offline),
 * with the date of the oldest of it; a new version is ready, for the next change of page. Both are polite live
 * regions: read out when they appear, without interrupting. A change of page forgets the previous page's sources and
 * applies a waiting version.
 */
export function Bandeaux({
  titrePage,
  sources = sourcesApp,
  miseAJour = miseAJourApp,
}: {
  titrePage: string | undefined
  sources?: Sources
  miseAJour?: MiseAJour
}) {
  const { pathname, search } = useLocation()
  useEffect(() => sources.oublier(), [sources, pathname, search])
  // The path only: a page that keeps its state in the query (?eleve=) is not left when it changes.
  useEffect(() => miseAJour.changementDePage(), [miseAJour, pathname])

  const depuis = useHorsLigne(sources)
  const etat = useMiseAJour(miseAJour)
  return (
    <>
      {/* Live regions present from the start (what appears in them is read out); not role="status", which the
          pages use for their own « Chargement… ». */}
      <div aria-live="polite" aria-atomic="true" className="bandeau-hors-ligne-zone">
        {depuis !== null && (
          <p className="bandeau-hors-ligne cadre">
            {phraseHorsLigne(titrePage, depuis)}
          </p>
        )}
      </div>
      <div aria-live="polite" aria-atomic="true" className="bandeau-mise-a-jour-zone">
        {etat === 'prete' && <p className="bandeau-mise-a-jour cadre">{MISE_A_JOUR_PRETE}</p>}
      </div>
    </>
  )
}
