/**
 * The last answer of each API read, per person, on this device (issue 19): what the app shows when the network is
 * gone. One IndexedDB store; the key is the person's id and the address, so an entry is only ever read back for the
 * person who read it. Bounded per person (the least recently used go first), emptied at logout (SessionProvider).
 * Only JSON is kept: never a document or a file.
 */

/** A kept answer. */
export interface Entree {
  /** The body, as the server sent it (JSON text). */
  corps: string
  /** Its Content-Type. */
  type: string
  /** When it was read from the server (ms since the epoch). */
  le: number
}

/** Where answers are kept: IndexedDB in the browser, memory in unit tests and where IndexedDB is missing. */
export interface Magasin {
  lire(personne: string, adresse: string): Promise<Entree | undefined>
  ecrire(personne: string, adresse: string, entree: Entree): Promise<void>
  /** Everyone's entries, gone: at logout. */
  vider(): Promise<void>
}

/** Entries kept per person: a parent's pages for a few children, a teacher's classes; the oldest used go first. */
export const MAX_PAR_PERSONNE = 200
/** An answer larger than this is not kept (a long list read once is not worth the device's storage). */
export const MAX_OCTETS = 512 * 1024

const BASE = 'ent-hors-ligne'
const TABLE = 'reponses'
const PAR_PERSONNE = 'par-personne-et-usage'

interface Ligne extends Entree {
  personne: string
  adresse: string
  /** Last written or read: the LRU order. */
  utilise: number
}

// Two uses in the same millisecond must still be ordered.
let dernierUsage = 0
const usage = () => (dernierUsage = Math.max(Date.now(), dernierUsage + 1))

const cle = (personne: string, adresse: string) => [personne, adresse]
const promesse = <T>(requete: IDBRequest<T>) =>
  new Promise<T>((resoudre, rejeter) => {
    requete.onsuccess = () => resoudre(requete.result)
    requete.onerror = () => rejeter(requete.error)
  })
const fin = (transaction: IDBTransaction) =>
  new Promise<void>((resoudre, rejeter) => {
    transaction.oncomplete = () => resoudre()
    transaction.onerror = () => rejeter(transaction.error)
    transaction.onabort = () => rejeter(transaction.error)
  })

/** The IndexedDB store (`indexedDB`: the browser's, or fake-indexeddb's in tests). */
export function magasinIndexedDb(fabrique: IDBFactory = indexedDB, maxParPersonne = MAX_PAR_PERSONNE): Magasin {
  let base: Promise<IDBDatabase> | undefined
  const ouvrir = () =>
    (base ??= new Promise<IDBDatabase>((resoudre, rejeter) => {
      const requete = fabrique.open(BASE, 1)
      requete.onupgradeneeded = () => {
        const table = requete.result.createObjectStore(TABLE, { keyPath: ['personne', 'adresse'] })
        table.createIndex(PAR_PERSONNE, ['personne', 'utilise'])
      }
      requete.onsuccess = () => resoudre(requete.result)
      requete.onerror = () => rejeter(requete.error)
    }).catch((erreur: unknown) => {
      base = undefined
      throw erreur
    }))

  return {
    async lire(personne, adresse) {
      const db = await ouvrir()
      const transaction = db.transaction(TABLE, 'readwrite')
      const table = transaction.objectStore(TABLE)
      const ligne = (await promesse(table.get(cle(personne, adresse)))) as Ligne | undefined
      if (ligne) table.put({ ...ligne, utilise: usage() } satisfies Ligne)
      await fin(transaction)
      return ligne && { corps: ligne.corps, type: ligne.type, le: ligne.le }
    },

    async ecrire(personne, adresse, entree) {
      const db = await ouvrir()
      const transaction = db.transaction(TABLE, 'readwrite')
      const table = transaction.objectStore(TABLE)
      table.put({ ...entree, personne, adresse, utilise: usage() } satisfies Ligne)
      // Beyond the bound, the person's least recently used entries go (the index orders them by last use).
      const sienne = IDBKeyRange.bound([personne, -Infinity], [personne, Infinity])
      const nombre = await promesse(table.index(PAR_PERSONNE).count(sienne))
      let enTrop = nombre - maxParPersonne
      if (enTrop > 0) {
        const curseur = table.index(PAR_PERSONNE).openCursor(sienne)
        curseur.onsuccess = () => {
          const c = curseur.result
          if (!c || enTrop <= 0) return
          c.delete()
          enTrop--
          c.continue()
        }
      }
      await fin(transaction)
    },

    async vider() {
      const db = await ouvrir()
      const transaction = db.transaction(TABLE, 'readwrite')
      transaction.objectStore(TABLE).clear()
      await fin(transaction)
    },
  }
}

/** The same in memory: unit tests, and a browser without IndexedDB (private modes of some browsers). */
export function magasinEnMemoire(maxParPersonne = MAX_PAR_PERSONNE): Magasin {
  // A Map keeps insertion order: re-inserting on use makes its first key the least recently used.
  const parPersonne = new Map<string, Map<string, Entree>>()
  return {
    async lire(personne, adresse) {
      const siennes = parPersonne.get(personne)
      const entree = siennes?.get(adresse)
      if (siennes && entree) {
        siennes.delete(adresse)
        siennes.set(adresse, entree)
      }
      return entree
    },
    async ecrire(personne, adresse, entree) {
      const siennes = parPersonne.get(personne) ?? new Map<string, Entree>()
      parPersonne.set(personne, siennes)
      siennes.delete(adresse)
      siennes.set(adresse, entree)
      for (const plusAncienne of siennes.keys()) {
        if (siennes.size <= maxParPersonne) break
        siennes.delete(plusAncienne)
      }
    },
    async vider() {
      parPersonne.clear()
    },
  }
}

let magasinUnique: Magasin | undefined
/** The app's store: IndexedDB when the browser has it. */
export const magasinParDefaut = (): Magasin =>
  (magasinUnique ??= typeof indexedDB === 'undefined' ? magasinEnMemoire() : magasinIndexedDb())
