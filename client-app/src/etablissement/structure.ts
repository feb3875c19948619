import type { ClasseStructure, GroupeStructure, PersonneStructure, ServiceEnseignement } from '../api/ent-client'

/** After a refusal, the first field the server named gets the focus, so that its message is read next. */
export function focaliserPremiereErreur(formulaire: HTMLFormElement | null) {
  setTimeout(() => formulaire?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
}

/** « Dupont Marie », as staff lists sort people; an id no list names stays visible rather than hidden. */
export const nomPersonne = (personnes: PersonneStructure[], id: string) => {
  const p = personnes.find((x) => x.id === id)
  return p ? `${p.nom} ${p.prenom}` : 'Personne inconnue'
}

/** Who a service teaches: its class's or group's code. */
export function enseigneA(service: Pick<ServiceEnseignement, 'classeId' | 'groupeId'>, classes: ClasseStructure[], groupes: GroupeStructure[]): string {
  if (service.classeId) return classes.find((c) => c.id === service.classeId)?.code ?? 'Classe inconnue'
  return groupes.find((g) => g.id === service.groupeId)?.code ?? 'Groupe inconnu'
}

/** A coefficient typed with a French comma or a point; NaN when it is not a number (the server then says what it expects). */
export const lireCoefficient = (texte: string) => Number(texte.trim().replace(',', '.'))

/** « 1er trimestre », « 2e trimestre », « 2nd semestre », as the server names them. */
export function nomPeriode(decoupage: string, numero: number): string {
  if (numero === 1) return `1er ${decoupage}`
  return decoupage === 'semestre' ? '2nd semestre' : `${numero}e trimestre`
}
