import { describe, expect, it } from 'vitest'

// The public pages' hand-written calls (the generated client stays off the public home): each must be a GET of the
// API document, without authentication, or the page breaks silently when an endpoint moves.
import apiDocument from '../../../openapi/ent.json'
import source from './apiPublique.ts?raw'

const document = apiDocument as unknown as { paths: Record<string, Record<string, unknown>> }

describe('the public home’s calls', () => {
  it('are GETs of the API document', () => {
    const chemins = [...source.matchAll(/'(\/api\/[^'`]+)'|`(\/api\/[^`]+)`/g)].map((m) => (m[1] ?? m[2]).replace(/\$\{uai\(code\)\}/g, '{uai}'))
    expect(chemins).toEqual([
      '/api/identite/etablissements',
      '/api/communication/etablissements/{uai}/annonces-publiques',
      '/api/ressources/etablissements/{uai}/liens-utiles',
    ])
    for (const chemin of chemins) expect(document.paths[chemin]?.get, chemin).toBeTruthy()
  })
})
