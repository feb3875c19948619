import type { ClientHttp } from '../auth/contexte'

/*
 * The import (part A of issue #14) and activation (part B) endpoints: the multipart upload and the PDF letters read more
 * simply on the session's fetch (it adds and renews the token) than through the generated client; typed from the API
 * document's shapes. A refusal is thrown as the problem document the API wrote, with its status, which lireRefus reads
 * like the generated client's errors.
 */

/** An import's state: waiting, running, done, refused as a whole (malformed file) or failed. */
export type EtatImport = 'en_attente' | 'en_cours' | 'termine' | 'refuse' | 'echoue'

/** What an import changed for one kind of entry (personnes, classes, liens…). */
export interface ResumeNature {
  crees?: number
  modifies?: number
  desactives?: number
  [autre: string]: number | undefined
}

/** A rejected entry of an import, with its file and line. */
export interface Rejet {
  fichier: string
  ligne?: number | null
  jointure?: string | null
  motif: string
}

/** One import, as the history lists it. */
export interface ImportAaf {
  id: string
  nature: 'complet' | 'delta'
  anneeScolaire: string
  rentree: boolean
  dateExport?: string | null
  source: 'commande' | 'televersement'
  etat: EtatImport
  creeLe: string
  commenceLe?: string | null
  termineLe?: string | null
  entreesTotal?: number | null
  entreesTraitees: number
  resume: Record<string, ResumeNature>
  message?: string | null
  /** In the history, how many entries were rejected. */
  rejets: number
}

/** One import with its report: every rejected entry. */
export interface ImportAafDetail extends Omit<ImportAaf, 'rejets'> {
  rejets: Rejet[]
}

/** A new activation code for one person: shown once, never again. */
export interface CodeActivation {
  code: string
  expireLe: string
}

/** The answer, or the problem document thrown with its status (read by lireRefus). */
async function lire<T>(reponse: Response): Promise<T> {
  if (reponse.ok) return (reponse.status === 204 ? undefined : await reponse.json()) as T
  let probleme: Record<string, unknown> = {}
  try {
    probleme = (await reponse.json()) as Record<string, unknown>
  } catch {
    // A body that is not a problem document: the status alone says what happened.
  }
  throw { ...probleme, status: reponse.status }
}

/** The import and activation calls on the session's fetch. */
export function appelsAdministration(http: ClientHttp) {
  return {
    /** POST /api/identite/imports (multipart: fichier, uai, rentree): the import starts in the background. */
    async televerser(uai: string | null, fichier: File, rentree: boolean, signal?: AbortSignal): Promise<{ id: string }> {
      const corps = new FormData()
      corps.append('fichier', fichier)
      // Without an établissement (a region administrator): every établissement of the export, new ones included.
      if (uai) corps.append('uai', uai)
      if (rentree) corps.append('rentree', 'true')
      return lire(await http.fetch('/api/identite/imports', { method: 'POST', body: corps, signal }))
    },
    /** GET /api/identite/imports[?uai=]: the history, newest first (without uai: every import, for the region). */
    async imports(uai: string | null, signal?: AbortSignal): Promise<ImportAaf[]> {
      const requete = uai ? `?uai=${encodeURIComponent(uai)}` : ''
      return lire(await http.fetch(`/api/identite/imports${requete}`, { signal }))
    },
    /** GET /api/identite/imports/{id}: one import, its progress and its report. */
    async import(id: string, signal?: AbortSignal): Promise<ImportAafDetail> {
      return lire(await http.fetch(`/api/identite/imports/${encodeURIComponent(id)}`, { signal }))
    },
    /** POST /api/identite/comptes/{personneId}/activation: a new activation code (the old one stops working). */
    async nouveauCode(personneId: string): Promise<CodeActivation> {
      return lire(await http.fetch(`/api/identite/comptes/${encodeURIComponent(personneId)}/activation`, { method: 'POST' }))
    },
    /** GET /api/identite/etablissements/{uai}/lettres-activation?classe=: the activation letters (PDF). */
    async lettres(uai: string, classe: string | null): Promise<Blob> {
      const requete = classe ? `?classe=${encodeURIComponent(classe)}` : ''
      const reponse = await http.fetch(`/api/identite/etablissements/${encodeURIComponent(uai)}/lettres-activation${requete}`)
      if (!reponse.ok) await lire(reponse)
      return reponse.blob()
    },
  }
}

/** Saves a file the API gave (a PDF) under a name, the way a download link would. */
export function enregistrer(fichier: Blob, nom: string) {
  const adresse = URL.createObjectURL(fichier)
  const lien = document.createElement('a')
  lien.href = adresse
  lien.download = nom
  document.body.append(lien)
  lien.click()
  lien.remove()
  setTimeout(() => URL.revokeObjectURL(adresse), 10_000)
}
