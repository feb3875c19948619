import { useMemo } from 'react'
import { useEspace, useMoi } from '../commun/page'
import { eleveDesNotes, estEleve, litDesNotes } from '../commun/suivi'
import { AbsencesAJustifier } from './AccueilAbsences'
import { CoursDuJour } from './AccueilEmploiDuTemps'
import { DernieresNotes, Notifications } from './AccueilNotes'
import { Nouveautes } from './Nouveautes'

// A module of its own: the family's home loads its blocks, not every family page (the budget of a first visit).

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
