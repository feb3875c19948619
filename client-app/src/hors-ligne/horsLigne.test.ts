import { afterEach, describe, expect, it, vi } from 'vitest'
import { ErreurHorsConnexion, messageErreur } from '../commun/erreurs'
import { injoignable } from '../commun/erreurs'
import { avecHorsLigne, ECRITURE_HORS_CONNEXION, LECTURE_HORS_CONNEXION } from './horsLigne'
import { magasinEnMemoire } from './magasin'
import { creerSources } from './sources'

const NOTES = '/api/scolarite/eleves/1/notes'
const json = (corps: unknown, type = 'application/json; charset=utf-8') =>
  new Response(JSON.stringify(corps), { status: 200, headers: { 'Content-Type': type } })
const panne = () => Promise.reject(new TypeError('Failed to fetch'))

/** The wrapper around a fake network; `enLigne` and the connected person can change during a test. */
function monter(reseau: (url: RequestInfo, init?: RequestInit) => Promise<Response>) {
  const etat = { enLigne: true, personne: 'parent-a' as string | null }
  const magasin = magasinEnMemoire()
  const sources = creerSources()
  const fetch = vi.fn(reseau)
  const http = avecHorsLigne(fetch, {
    magasin,
    personne: async () => etat.personne,
    signaler: sources.signaler,
    enLigne: () => etat.enLigne,
  })
  // The kept copy is written in the background: wait until it is there.
  const garde = (personne: string, adresse: string) => vi.waitFor(async () => expect(await magasin.lire(personne, adresse)).toBeDefined())
  return { etat, magasin, sources, fetch, http, garde }
}

afterEach(() => vi.useRealTimers())

describe('the API fetch with the last reads kept', () => {
  it('online, returns the server’s answer and keeps it for the person', async () => {
    const { http, magasin, garde, sources } = monter(async () => json({ moyenne: 14 }))

    const reponse = await http(NOTES, { method: 'GET' })

    expect(await reponse.json()).toEqual({ moyenne: 14 })
    await garde('parent-a', NOTES)
    expect(JSON.parse((await magasin.lire('parent-a', NOTES))!.corps)).toEqual({ moyenne: 14 })
    expect(sources.plusAncienne()).toBeNull()
  })

  it('offline, returns the kept answer and says since when', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-02T07:14:00Z'))
    const { http, etat, fetch, garde, sources } = monter(async () => json({ moyenne: 14 }))
    await http(NOTES)
    await garde('parent-a', NOTES)

    etat.enLigne = false
    const reponse = await http(NOTES)

    expect(await reponse.json()).toEqual({ moyenne: 14 })
    expect(fetch).toHaveBeenCalledTimes(1) // the browser knows it is offline: nothing is attempted
    expect(sources.plusAncienne()).toBe(Date.parse('2026-12-02T07:14:00Z'))
  })

  it('when the network fails although the browser thought it online, returns the kept answer too', async () => {
    let enPanne = false
    const { http, garde, sources } = monter(() => (enPanne ? panne() : Promise.resolve(json([1, 2]))))
    await http(NOTES)
    await garde('parent-a', NOTES)

    enPanne = true
    expect(await (await http(NOTES)).json()).toEqual([1, 2])
    expect(sources.plusAncienne()).not.toBeNull()

    // Back online, the fresh answer replaces it on screen.
    enPanne = false
    await http(NOTES)
    expect(sources.plusAncienne()).toBeNull()
  })

  it('never gives a person another person’s kept answer', async () => {
    const { http, etat, garde } = monter(async () => json({ enfant: 'de A' }))
    await http(NOTES)
    await garde('parent-a', NOTES)

    etat.personne = 'parent-b'
    etat.enLigne = false
    const erreur = await http(NOTES).catch((e: unknown) => e)

    expect(erreur).toBeInstanceOf(ErreurHorsConnexion)
    expect(messageErreur(erreur)).toBe(LECTURE_HORS_CONNEXION)
  })

  it('keeps only JSON: never a document nor a refusal', async () => {
    const { http, magasin } = monter(async (url) =>
      String(url).endsWith('.pdf')
        ? new Response('%PDF', { status: 200, headers: { 'Content-Type': 'application/pdf' } })
        : new Response('{"detail":"non"}', { status: 404, headers: { 'Content-Type': 'application/problem+json' } }),
    )
    await http('/api/scolarite/eleves/1/bulletins/2/pdf')
    await http('/api/scolarite/eleves/9/notes')
    await new Promise((r) => setTimeout(r, 10))

    expect(await magasin.lire('parent-a', '/api/scolarite/eleves/1/bulletins/2/pdf')).toBeUndefined()
    expect(await magasin.lire('parent-a', '/api/scolarite/eleves/9/notes')).toBeUndefined()
  })

  it('keeps nothing without a connected person, nor outside the API', async () => {
    const { http, etat, magasin, fetch } = monter(async () => json({ ok: true }))
    etat.personne = null
    await http('/api/communication/etablissements/X/annonces-publiques')
    etat.personne = 'parent-a'
    await http('/.well-known/openid-configuration')
    await new Promise((r) => setTimeout(r, 10))

    expect(fetch).toHaveBeenCalledTimes(2)
    expect(await magasin.lire('parent-a', '/.well-known/openid-configuration')).toBeUndefined()
  })

  it('offline, refuses a write in French and sends nothing: never queued', async () => {
    const { http, etat, fetch } = monter(async () => json({}))
    etat.enLigne = false

    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const erreur = await http('/api/viescolaire/appels/1', { method, body: '{}' }).catch((e: unknown) => e)
      expect(messageErreur(erreur)).toBe(ECRITURE_HORS_CONNEXION)
    }
    expect(fetch).not.toHaveBeenCalled()

    // Back online, nothing is sent by itself.
    etat.enLigne = true
    await new Promise((r) => setTimeout(r, 10))
    expect(fetch).not.toHaveBeenCalled()
  })

  it('a write whose network fails online is the usual network failure, and is not kept', async () => {
    const { http, magasin } = monter(panne)

    const erreur = await http('/api/scolarite/evaluations/1/notes', { method: 'PUT', body: '{}' }).catch((e: unknown) => e)

    expect(messageErreur(erreur)).toBe(injoignable())
    expect(await magasin.lire('parent-a', '/api/scolarite/evaluations/1/notes')).toBeUndefined()
  })

  it('lets an abort through as it is', async () => {
    const controleur = new AbortController()
    controleur.abort()
    const { http } = monter(() => Promise.reject(new DOMException('aborted', 'AbortError')))

    await expect(http(NOTES, { signal: controleur.signal })).rejects.toMatchObject({ name: 'AbortError' })
  })
})
