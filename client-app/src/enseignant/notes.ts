/**
 * The grade-entry grid's rules, pure so that they are tested alone: what a cell's text means, and the class figures
 * computed as the server computes them (Moyennes.StatsEvaluation), so that the live figures match the saved ones.
 */

export type Marqueur = 'absent' | 'dispense' | 'non_note' | 'non_rendu'

/** Each marker: the letter typed in a cell, and its word as the school says it. */
export const MARQUEURS: readonly { marqueur: Marqueur; lettre: string; libelle: string }[] = [
  { marqueur: 'absent', lettre: 'A', libelle: 'Absent' },
  { marqueur: 'dispense', lettre: 'D', libelle: 'Dispensé' },
  { marqueur: 'non_note', lettre: 'N', libelle: 'Non noté' },
  { marqueur: 'non_rendu', lettre: 'R', libelle: 'Non rendu' },
]

export const libelleMarqueur = (marqueur: string) => MARQUEURS.find((m) => m.marqueur === marqueur)?.libelle ?? marqueur
export const lettreMarqueur = (marqueur: string) => MARQUEURS.find((m) => m.marqueur === marqueur)?.lettre ?? marqueur

/** What a cell says: nothing, a marker, a mark, or text that is neither (with why, in French). */
export type Saisie =
  | { type: 'vide' }
  | { type: 'marqueur'; marqueur: Marqueur }
  | { type: 'note'; valeur: number }
  | { type: 'invalide'; message: string }

const sansAccents = (texte: string) => texte.normalize('NFD').replace(/[\u0300-\u036f]/g, '')

// The letter alone, the abbreviations teachers use, or the whole word (accents and case ignored).
const MOTS: Record<string, Marqueur> = {
  a: 'absent',
  abs: 'absent',
  absent: 'absent',
  d: 'dispense',
  disp: 'dispense',
  dispense: 'dispense',
  n: 'non_note',
  nn: 'non_note',
  'non note': 'non_note',
  r: 'non_rendu',
  nr: 'non_rendu',
  'non rendu': 'non_rendu',
}

const nombre = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })

/** A number as French readers write it: 12,5 ; 0,25 ; 20. */
export const formaterNombre = (n: number) => nombre.format(n)

/**
 * Reads a cell: « 12,5 » or « 12.5 » (a separator alone at either end is allowed while typing: « 12, » is 12),
 * A / D / N / R for the markers, empty for no result. The mark must lie between 0 and the scale, two decimals at most.
 */
export function lireSaisie(texte: string, bareme: number): Saisie {
  const t = texte.trim()
  if (t === '') return { type: 'vide' }

  const mot = MOTS[sansAccents(t).toLowerCase().replace(/[\s.-]+/g, ' ').trim()]
  if (mot) return { type: 'marqueur', marqueur: mot }

  const chiffres = /^(\d*)(?:[.,](\d*))?$/.exec(t)
  if (!chiffres || (chiffres[1] === '' && !chiffres[2])) {
    return { type: 'invalide', message: `Tapez une note de 0 à ${formaterNombre(bareme)}, ou A, D, N, R.` }
  }
  const decimales = chiffres[2] ?? ''
  if (decimales.replace(/0+$/, '').length > 2) {
    return { type: 'invalide', message: 'Deux décimales au plus.' }
  }
  const valeur = Number(`${chiffres[1] || '0'}.${decimales || '0'}`)
  if (valeur > bareme) {
    return { type: 'invalide', message: `La note ne peut pas dépasser ${formaterNombre(bareme)}.` }
  }
  return { type: 'note', valeur }
}

/** The text a cell shows for a saved result: « 12,5 », « A », or nothing. */
export function texteResultat({ valeur, marqueur }: Resultat): string {
  if (valeur !== null && valeur !== undefined) return formaterNombre(valeur)
  return marqueur ? lettreMarqueur(marqueur) : ''
}

export interface Resultat {
  valeur?: number | null
  marqueur?: string | null
}

export interface Statistiques {
  /** Pupils with a result: a mark or any marker. */
  saisies: number
  /** Values in the figures: the marks, plus the Non rendu counted as 0. */
  comptees: number
  /** Mean on the assessment's scale, rounded to two decimals half away from zero (12,345 → 12,35); null without values. */
  moyenne: number | null
  min: number | null
  max: number | null
}

/**
 * The class figures of an assessment on its own scale: the marks, plus a 0 for each Non rendu when the établissement
 * counts it so; Absent, Dispensé and Non noté never count.
 */
export function statistiques(resultats: readonly Resultat[], nonRenduCompteZero: boolean): Statistiques {
  let saisies = 0
  const valeurs: number[] = []
  for (const { valeur, marqueur } of resultats) {
    if (valeur !== null && valeur !== undefined) {
      saisies++
      valeurs.push(valeur)
    } else if (marqueur) {
      saisies++
      if (marqueur === 'non_rendu' && nonRenduCompteZero) valeurs.push(0)
    }
  }
  if (valeurs.length === 0) return { saisies, comptees: 0, moyenne: null, min: null, max: null }

  // In hundredths, where two-decimal marks are whole numbers: the sum is exact and the rounding is the server's.
  const centiemes = valeurs.reduce((s, v) => s + Math.round(v * 100), 0)
  return {
    saisies,
    comptees: valeurs.length,
    moyenne: Math.round(centiemes / valeurs.length) / 100,
    min: Math.min(...valeurs),
    max: Math.max(...valeurs),
  }
}

/** A cell's reading as the line sent to SaisirNotes needs it (invalid text sends nothing: it is refused before). */
export function resultatDe(saisie: Saisie): Resultat {
  switch (saisie.type) {
    case 'note':
      return { valeur: saisie.valeur, marqueur: null }
    case 'marqueur':
      return { valeur: null, marqueur: saisie.marqueur }
    default:
      return { valeur: null, marqueur: null }
  }
}
