import { useMoi } from '../commun/page'
import { TableauVieScolaire } from './TableauVieScolaire'
import { EmploiDuTempsEtablissement } from './EmploiDuTempsEtablissement'

export { AccueilInfirmerie, BlocsVieScolaire } from './AccueilVieScolaire'
export { AppelsManquants } from './AppelsManquants'
export { FicheEleve } from './FicheEleve'
export { RechercheEleves } from './RechercheEleves'
export { SortiesEnAttente } from './SortiesEnAttente'

/** The staff's screens (CPE, direction, desk), as the route table (routes.tsx) loads them: one lazy module. */
export function VieScolaire() {
  return <TableauVieScolaire moi={useMoi()} />
}

/** /vie-scolaire/emploi-du-temps: timetables and lesson changes (issue #15). */
export function EmploiDuTempsBureau() {
  return <EmploiDuTempsEtablissement moi={useMoi()} />
}

export { DirectionBulletins } from './DirectionBulletins'
export { BlocsDirection } from './AccueilDirection'
export { StructureEtablissement } from './StructureEtablissement'
