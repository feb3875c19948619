import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * The SPA's layout, checked: features are grouped by audience and never import each other; shared code (commun/,
 * auth/, api/) imports no audience; no import cycle. The app's top level (App, routes, the connected shell) composes them.
 */
const AUDIENCES = ['public', 'famille', 'enseignant', 'etablissement', 'compte', 'administration', /* issue 16 */ 'agenda', 'messagerie', 'annonces', /* issue 17 */ 'signalements']
const PARTAGES = ['commun', 'auth', 'api', /* issue 19 */ 'hors-ligne']
const SRC = join(import.meta.dirname)
const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']

const fichiers = (dossier: string): string[] =>
  readdirSync(dossier, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fichiers(join(dossier, e.name)) : /\.tsx?$/.test(e.name) ? [join(dossier, e.name)] : [],
  )

const chemins = fichiers(SRC).map((f) => relative(SRC, f).replaceAll('\\', '/'))
const existants = new Set(chemins)
const estTest = (f: string) => /\.test\.tsx?$/.test(f) || f.includes('/testing/')

/** The relative imports of a file (static, dynamic, re-exports), resolved to files of src/. */
function imports(fichier: string): string[] {
  const texte = readFileSync(join(SRC, fichier), 'utf8')
  const motif = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)|import\s+['"](\.[^'"]+)['"]/g
  return [...texte.matchAll(motif)]
    .map((m) => normalize(join(dirname(fichier), m[1] ?? m[2] ?? m[3])).replaceAll('\\', '/'))
    .map((base) => EXTENSIONS.map((e) => base + e).find((c) => existants.has(c)))
    .filter((c): c is string => !!c)
}

const graphe = new Map(chemins.map((f) => [f, imports(f)]))
const dossier = (f: string) => (f.includes('/') ? f.slice(0, f.indexOf('/')) : null)

describe('the SPA’s architecture', () => {
  it('finds the files and their imports', () => {
    expect(chemins).toContain('ecrans.tsx')
    expect(graphe.get('ecrans.tsx')).toContain('famille/famille.tsx')
  })

  it('has no import from one audience into another, nor from shared code into an audience', () => {
    const fautes: string[] = []
    for (const [de, vers] of graphe) {
      const source = dossier(de)
      for (const cible of vers) {
        const destination = dossier(cible)
        const entreAudiences = AUDIENCES.includes(source ?? '') && AUDIENCES.includes(destination ?? '') && source !== destination
        const partageVersAudience = PARTAGES.includes(source ?? '') && AUDIENCES.includes(destination ?? '')
        // A feature never reaches back to the top level (App, routes, shell), which imports the features; tests may.
        const versLeHaut = source !== null && destination === null && !estTest(de)
        if (entreAudiences || partageVersAudience || versLeHaut) fautes.push(`${de} → ${cible}`)
      }
    }
    expect(fautes, `Imports interdits :\n${fautes.join('\n')}`).toEqual([])
  })

  it('has no import cycle', () => {
    const cycles: string[] = []
    const etat = new Map<string, 'en cours' | 'fini'>()
    const pile: string[] = []
    const visiter = (f: string) => {
      etat.set(f, 'en cours')
      pile.push(f)
      for (const cible of graphe.get(f) ?? []) {
        if (etat.get(cible) === 'en cours') cycles.push([...pile.slice(pile.indexOf(cible)), cible].join(' → '))
        else if (!etat.has(cible)) visiter(cible)
      }
      pile.pop()
      etat.set(f, 'fini')
    }
    for (const f of chemins) if (!etat.has(f)) visiter(f)
    expect(cycles, `Cycles d'imports :\n${cycles.join('\n')}`).toEqual([])
  })
})
