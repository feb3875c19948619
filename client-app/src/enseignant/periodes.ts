import type { PeriodeScolaire } from '../api/ent-client'

/** The period to open when the address names none: the one today falls in, else the last begun, else the first. */
export function periodeCourante(periodes: PeriodeScolaire[], jour: string): PeriodeScolaire | undefined {
  const commencees = periodes.filter((p) => p.debut <= jour)
  return commencees.find((p) => jour <= p.fin) ?? commencees.at(-1) ?? periodes[0]
}

/** The period the address names (?periode=), or the current one when it names none; undefined when it names another. */
export function periodeDemandee(periodes: PeriodeScolaire[], demandee: string | null, jour: string): PeriodeScolaire | undefined {
  return demandee ? periodes.find((p) => p.id === demandee.toLowerCase()) : periodeCourante(periodes, jour)
}

/**
 * A refusal's field errors (`appreciations[2].texte`, `eleves[0].decision`) by pupil: the index is the line sent.
 * Errors of no line are returned apart.
 */
export function erreursParLigne(champs: Record<string, string>, envoyes: string[]): { parEleve: Record<string, string>; autres: string[] } {
  const parEleve: Record<string, string> = {}
  const autres: string[] = []
  for (const [cle, message] of Object.entries(champs)) {
    const trouve = /^\w+\[(\d+)\]/.exec(cle)
    const eleveId = trouve ? envoyes[Number(trouve[1])] : undefined
    if (eleveId) parEleve[eleveId] = parEleve[eleveId] ? `${parEleve[eleveId]} ${message}` : message
    else autres.push(message)
  }
  return { parEleve, autres }
}
