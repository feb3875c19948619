import type { Moi } from '../api/ent-client'
import { ApplicationsAutorisees } from './MonCompteApplications'
import { AgendaIcal } from './AgendaIcal'
import { Appareils } from './Appareils'
import { Coordonnees } from './Coordonnees'
import { DoubleAuthentification } from './DoubleAuthentification'
import { JournalAcces } from './JournalAcces'
import { MesDonnees } from './MesDonnees'
import { MotDePasse } from './MotDePasse'
import { NotificationsAppareil } from './NotificationsAppareil'
import { PreferencesAbsences } from './PreferencesAbsences'
import { PreferencesMessagerie } from './PreferencesMessagerie'

/**
 * /compte: password, contacts for notifications, second factor, the timetable's calendar address (iCal), devices, the third-party
 * applications allowed, the messaging's e-mail digest, push notifications on this device and, for a guardian, how to be told of the children's absences and who read the children's data; everyone downloads their data (RGPD).
 */
export function MonCompte({ moi }: { moi: Moi }) {
  return (
    <>
      <h1>Mon compte</h1>
      <MotDePasse />
      <Coordonnees moi={moi} />
      {moi.enfants.length > 0 && <PreferencesAbsences />}
      {/* Messaging is for anyone holding a profile in an établissement (issue 16): its e-mail digest, opt-in. */}
      {moi.profils.length > 0 && <PreferencesMessagerie />}
      {/* Push on this device (issue 19): absences, grades, messages, announcements — for anyone in an établissement. */}
      {(moi.profils.length > 0 || moi.enfants.length > 0) && <NotificationsAppareil />}
      <DoubleAuthentification activeInitialement={moi.doubleAuthentification} />
      {/* The feed carries a pupil's, a guardian's children's or a teacher's lessons: nothing for anyone else. */}
      {(moi.enfants.length > 0 || moi.profils.some((p) => p.profil === 'eleve' || p.profil === 'enseignant')) && <AgendaIcal />}
      <Appareils />
      <ApplicationsAutorisees />
      {moi.enfants.length > 0 && <JournalAcces enfants={moi.enfants} />}
      <MesDonnees moi={moi} />
    </>
  )
}
