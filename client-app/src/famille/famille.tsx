import { useEspace, useMoi } from '../commun/page'
import { eleveDesNotes, litDesNotes } from '../commun/suivi'
import { AbsencesAJustifier } from './AccueilAbsences'
import { DernieresNotes, Notifications } from './AccueilNotes'
import { PageAbsences } from './PageAbsences'
import { PageBulletins } from './PageBulletins'
import { PageNotes } from './PageNotes'
import { PageSorties } from './PageSorties'

/** The families' screens (pupils and guardians), as the route table (routes.tsx) loads them: one lazy module. */

export function Notes() {
  const { idChoisi } = useEspace()
  return <PageNotes eleve={eleveDesNotes(useMoi(), idChoisi)} />
}

export function Bulletins() {
  const { idChoisi } = useEspace()
  return <PageBulletins eleve={eleveDesNotes(useMoi(), idChoisi)} />
}

export function Absences() {
  const { idChoisi, choisir } = useEspace()
  return <PageAbsences moi={useMoi()} idChoisi={idChoisi} choisir={choisir} />
}

export function Sorties() {
  const { idChoisi } = useEspace()
  return <PageSorties moi={useMoi()} idChoisi={idChoisi} />
}

/** The home page's blocks for a family: absences to justify, latest grades, notifications. */
export function BlocsAccueil() {
  const moi = useMoi()
  const { suivi, lien } = useEspace()
  const eleve = eleveDesNotes(moi, suivi?.id ?? null)
  return (
    <>
      <AbsencesAJustifier moi={moi} />
      {eleve && litDesNotes(moi) && (
        <>
          <DernieresNotes eleve={eleve} lienNotes={lien('/notes')} />
          <Notifications />
        </>
      )}
    </>
  )
}
