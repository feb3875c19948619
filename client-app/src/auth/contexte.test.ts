import { afterEach, describe, expect, it, vi } from 'vitest'
import { autorisation, fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { fetchAvecJeton } from './contexte'

afterEach(() => {
  vi.unstubAllGlobals()
})

/** fetch answering the given statuses in turn. */
function reponses(...statuts: number[]) {
  const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response('{}', { status: statuts.shift() ?? 200 }))
  vi.stubGlobal('fetch', fetch)
  return fetch
}

describe('fetchAvecJeton', () => {
  it('adds the bearer token and keeps the request as the generated client made it', async () => {
    const fetch = reponses(200)
    const g = fauxGestionnaire(utilisateur('Philippe Michel', 'jeton-1'))
    const signal = new AbortController().signal

    const reponse = await fetchAvecJeton(g, vi.fn(), '/api/identite/me', { method: 'GET', headers: { Accept: 'application/json' }, signal })

    expect(reponse.status).toBe(200)
    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('/api/identite/me')
    expect(autorisation(init)).toBe('Bearer jeton-1')
    expect(new Headers(init?.headers).get('Accept')).toBe('application/json')
    expect(init?.signal).toBe(signal)
    expect(g.signinSilent).not.toHaveBeenCalled()
  })

  it('renews an expired token before the call', async () => {
    const fetch = reponses(200)
    const g = fauxGestionnaire(utilisateur('Philippe Michel', 'ancien', true))
    g.signinSilent.mockResolvedValue(utilisateur('Philippe Michel', 'neuf'))

    await fetchAvecJeton(g, vi.fn(), '/api/identite/me')

    expect(g.signinSilent).toHaveBeenCalledTimes(1)
    expect(autorisation(fetch.mock.calls[0][1])).toBe('Bearer neuf')
  })

  it('on a 401, renews once and retries with the new token', async () => {
    const fetch = reponses(401, 200)
    const g = fauxGestionnaire(utilisateur('Philippe Michel', 'refuse'))
    g.signinSilent.mockResolvedValue(utilisateur('Philippe Michel', 'neuf'))

    const reponse = await fetchAvecJeton(g, vi.fn(), '/api/identite/me')

    expect(reponse.status).toBe(200)
    expect(fetch.mock.calls.map(([, init]) => autorisation(init))).toEqual(['Bearer refuse', 'Bearer neuf'])
  })

  it('on a 401, uses the token another call has just obtained instead of spending the refresh token again', async () => {
    const fetch = reponses(401, 200)
    const g = fauxGestionnaire(utilisateur('Philippe Michel', 'refuse'))
    fetch.mockImplementationOnce(async () => {
      g.stocker(utilisateur('Philippe Michel', 'renouvele-ailleurs'))
      return new Response('', { status: 401 })
    })

    await fetchAvecJeton(g, vi.fn(), '/api/identite/me')

    expect(g.signinSilent).not.toHaveBeenCalled()
    expect(autorisation(fetch.mock.calls[1][1])).toBe('Bearer renouvele-ailleurs')
  })

  it('tells the session it is over when the token cannot be renewed after a 401, and returns the 401', async () => {
    const fetch = reponses(401)
    const g = fauxGestionnaire(utilisateur('Philippe Michel', 'refuse'))
    const perdue = vi.fn()

    const reponse = await fetchAvecJeton(g, perdue, '/api/identite/me')

    expect(reponse.status).toBe(401)
    expect(perdue).toHaveBeenCalledTimes(1)
    expect(fetch).toHaveBeenCalledTimes(1)
  })

  it('offline, an expired token that cannot be renewed is a network failure, not a lost session (issue 19)', async () => {
    const fetch = reponses()
    const g = fauxGestionnaire(utilisateur('Philippe Michel', 'expire', true))
    g.signinSilent.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const perdue = vi.fn()

    await expect(fetchAvecJeton(g, perdue, '/api/identite/me')).rejects.toBeInstanceOf(TypeError)
    expect(perdue).not.toHaveBeenCalled()
    expect(fetch).not.toHaveBeenCalled()
  })

  it('makes no call without a user', async () => {
    const fetch = reponses()
    const perdue = vi.fn()

    await expect(fetchAvecJeton(fauxGestionnaire(null), perdue, '/api/identite/me')).rejects.toThrow()
    expect(fetch).not.toHaveBeenCalled()
    expect(perdue).toHaveBeenCalledTimes(1)
  })
})
