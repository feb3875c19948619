import { useMoi } from '../commun/page'
import { TableauVieScolaire } from './TableauVieScolaire'

/** The staff's screens (CPE, direction, desk), as the route table (routes.tsx) loads them: one lazy module. */
export function VieScolaire() {
  return <TableauVieScolaire moi={useMoi()} />
}

export { DirectionBulletins } from './DirectionBulletins'
export { BlocsDirection } from './AccueilDirection'
export { StructureEtablissement } from './StructureEtablissement'
