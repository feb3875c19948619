/** The parents' elections' screens (issue 17), as the route table loads them: one lazy module for families and the head. */
export { PageElections as Elections } from './PageElections'
export { PageElection as Election } from './PageElection'
export { PageGestionElections as GestionElections } from './PageGestionElections'
