/** The structured reports' screens (issue 17), as the route table loads them: one lazy module for submitters and staff. */
export { PageSignalements as Signalements } from './PageSignalements'
export { PageDeposer as DeposerSignalement } from './PageDeposer'
export { PageSignalement as Signalement } from './PageSignalement'
export { PageRecus as SignalementsRecus } from './PageRecus'
export { PageFormulaires as FormulairesSignalement } from './PageFormulaires'
