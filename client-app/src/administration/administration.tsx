/** The administration screens (the établissement's head and local administrators; the region's), as the route table loads them: one lazy module. */
export { FichePersonne } from './FichePersonne'
export { Imports } from './Imports'
export { Personnes } from './Personnes'
export { Region } from './Region'
export { Reglages } from './Reglages'
