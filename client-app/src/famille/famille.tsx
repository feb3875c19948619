import { useEspace, useMoi } from '../commun/page'
import { useMemo } from 'react'
import { eleveDesNotes, estEleve, litDesNotes } from '../commun/suivi'
import { AbsencesAJustifier } from './AccueilAbsences'
import { DernieresNotes, Notifications } from './AccueilNotes'
import { Nouveautes } from './Nouveautes'
import { PageAbsences } from './PageAbsences'
import { PageBulletins } from './PageBulletins'
import { PageNotes } from './PageNotes'
import { PageSorties } from './PageSorties'
import { PageEmploiDuTemps } from './PageEmploiDuTemps'
import { CoursDuJour } from './AccueilEmploiDuTemps'
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

/** The home page's blocks for a family: what is new, absences to justify, latest grades, notifications. */
export function BlocsAccueil() {
  const moi = useMoi()
  const { suivi, lien } = useEspace()
  const eleve = eleveDesNotes(moi, suivi?.id ?? null)
  // Whose exits to look at for answers: the children whose attendance the guardian reads, or the pupil themself.
  const suivis = useMemo(
    () =>
      moi.enfants.length > 0
        ? moi.enfants.filter((e) => e.domaines.includes('vie_scolaire')).map((e) => ({ id: e.id, nom: moi.enfants.length > 1 ? `${e.prenom} ${e.nom}` : null }))
        : estEleve(moi)
          ? [{ id: moi.id, nom: null }]
          : [],
    [moi],
  )
  return (
    <>
      <Nouveautes moi={moi} eleves={suivis} lien={lien} />
      <CoursDuJour />
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
