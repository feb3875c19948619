// IDBKeyRange and the other globals of IndexedDB, which jsdom lacks.
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { describe, expect, it } from 'vitest'
import { magasinEnMemoire, magasinIndexedDb, type Magasin } from './magasin'

const entree = (corps: string, le = 1) => ({ corps, type: 'application/json', le })

// The same rules for both stores: IndexedDB (fake-indexeddb in Node) and memory.
describe.each<[string, (max?: number) => Magasin]>([
  ['IndexedDB', (max) => magasinIndexedDb(new IDBFactory(), max)],
  ['memory', (max) => magasinEnMemoire(max)],
])('the store of last reads (%s)', (_nom, creer) => {
  it('gives an entry back to the person who read it, never to another', async () => {
    const magasin = creer()
    await magasin.ecrire('parent-a', '/api/scolarite/eleves/1/notes', entree('{"a":1}', 42))

    expect(await magasin.lire('parent-a', '/api/scolarite/eleves/1/notes')).toEqual(entree('{"a":1}', 42))
    expect(await magasin.lire('parent-b', '/api/scolarite/eleves/1/notes')).toBeUndefined()
    expect(await magasin.lire('parent-a', '/api/scolarite/eleves/1/absences')).toBeUndefined()
  })

  it('keeps the last answer of an address', async () => {
    const magasin = creer()
    await magasin.ecrire('a', '/api/x', entree('1', 1))
    await magasin.ecrire('a', '/api/x', entree('2', 2))

    expect(await magasin.lire('a', '/api/x')).toEqual(entree('2', 2))
  })

  it('is emptied for everyone at logout', async () => {
    const magasin = creer()
    await magasin.ecrire('a', '/api/x', entree('1'))
    await magasin.ecrire('b', '/api/x', entree('2'))

    await magasin.vider()

    expect(await magasin.lire('a', '/api/x')).toBeUndefined()
    expect(await magasin.lire('b', '/api/x')).toBeUndefined()
  })

  it('keeps a bounded number of entries per person, dropping the least recently used', async () => {
    const magasin = creer(3)
    for (const n of [1, 2, 3]) await magasin.ecrire('a', `/api/${n}`, entree(String(n)))
    await magasin.ecrire('b', '/api/1', entree('b1'))
    await magasin.lire('a', '/api/1') // used again: /api/2 is now the least recently used

    await magasin.ecrire('a', '/api/4', entree('4'))

    expect(await magasin.lire('a', '/api/2')).toBeUndefined()
    for (const n of [1, 3, 4]) expect(await magasin.lire('a', `/api/${n}`)).toEqual(entree(String(n)))
    // Another person's entries do not count against this one's bound.
    expect(await magasin.lire('b', '/api/1')).toEqual(entree('b1'))
  })
})
