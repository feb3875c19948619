import { useMoi } from '../commun/page'
import { AgendaEtablissement as PageAgendaEtablissement } from './AgendaEtablissement'
import { PageAgenda } from './PageAgenda'

/** The school calendar's screens (issue 16), for every audience, as the route table loads them: one lazy module. */

export function Agenda() {
  return <PageAgenda moi={useMoi()} />
}

export function AgendaEtablissement() {
  return <PageAgendaEtablissement moi={useMoi()} />
}
