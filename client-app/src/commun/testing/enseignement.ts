import { vi } from 'vitest'

/** Test helpers for the teacher's pages: a fake API answering "METHOD path" routes, and what describes a field. */
export type Reponse = { status?: number; body?: unknown }
export type Route = Reponse | ((corps: unknown) => Reponse)

/** Answers fetch from a table of "METHOD path" (JSON), 404 otherwise; records each call with its JSON body. */
export function serveur(routes: Record<string, Route>) {
  const appels: { route: string; corps: unknown }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      const route = `${init?.method ?? 'GET'} ${String(url)}`
      const corps = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
      appels.push({ route, corps })
      const trouvee = routes[route]
      if (!trouvee) return new Response('', { status: 404 })
      const { status = 200, body } = typeof trouvee === 'function' ? trouvee(corps) : trouvee
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
      })
    }),
  )
  return appels
}

/** A 400 validation problem as ASP.NET Core writes it. */
export const probleme = (errors: Record<string, string[]>) => ({
  status: 400,
  body: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400, errors },
})

/** The text of the element(s) an input's aria-describedby points to. */
export const description = (champ: HTMLElement) =>
  (champ.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ')
