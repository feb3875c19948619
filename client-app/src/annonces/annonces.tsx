/** The announcements' screens (issue #16), as the route table loads them: one lazy module for families and staff. */
export { BlocAnnonces } from './BlocAnnonces'
export { PageAnnonces as Annonces } from './PageAnnonces'
export { PageAnnoncesEnvoyees as AnnoncesEnvoyees } from './PageAnnoncesEnvoyees'
export { PagePublier as PublierAnnonce } from './PagePublier'
export { PageSuivi as SuiviAnnonce } from './PageSuivi'
