import { useEspace, useMoi } from '../commun/page'
import { eleveDesNotes } from '../commun/suivi'
import { PageAbsences } from './PageAbsences'
import { PageBulletins } from './PageBulletins'
import { PageNotes } from './PageNotes'
import { PageSorties } from './PageSorties'
import { PageEmploiDuTemps } from './PageEmploiDuTemps'
import { PageCahierDeTextes } from './PageCahierDeTextes'
import { PageDevoirs } from './PageDevoirs'

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

export function EmploiDuTemps() {
  const { idChoisi } = useEspace()
  return <PageEmploiDuTemps moi={useMoi()} idChoisi={idChoisi} />
}

export function Devoirs() {
  const { idChoisi } = useEspace()
  const moi = useMoi()
  return <PageDevoirs moi={moi} eleve={eleveDesNotes(moi, idChoisi)} />
}

export function CahierDeTextes() {
  const { idChoisi } = useEspace()
  return <PageCahierDeTextes eleve={eleveDesNotes(useMoi(), idChoisi)} />
}
