import { useMoi } from '../commun/page'
import { MonCompte } from './MonCompte'

/** Everyone's account screens, as the route table (routes.tsx) loads them: one lazy module. */
export function Compte() {
  return <MonCompte moi={useMoi()} />
}
