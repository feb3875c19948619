import type { Aller } from './commun'
import { PageIntrouvable } from '../commun/PageIntrouvable'
import { Appel } from './Appel'
import { CHEMIN_APPEL } from '../commun/vieScolaire'
import { MesCours } from './MesCours'

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
const FEUILLE = new RegExp(`^${CHEMIN_APPEL}/(${GUID})/?$`)

/** /appel (the teacher's day) and /appel/{serviceId}?debut=…&fin=… (a lesson's roll call). */
export function PagesAppel({ chemin, aller }: { chemin: string; aller?: Aller }) {
  if (chemin === CHEMIN_APPEL || chemin === `${CHEMIN_APPEL}/`) return <MesCours aller={aller} />
  const feuille = FEUILLE.exec(chemin)
  if (feuille) return <Appel serviceId={feuille[1].toLowerCase()} />
  return <PageIntrouvable />
}
