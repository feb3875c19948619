import { describe, expect, it, vi } from 'vitest'
import { ecouterPush, ICONE, lienSur, type EvenementClic, type EvenementPush, type PorteeServiceWorker } from './sw-push'

const ORIGINE = 'https://ent.example.fr'

/** A service worker's scope, with its listeners kept to be called by the test. */
function portee(fenetres: { url: string; focus: () => Promise<unknown>; navigate?: (u: string) => Promise<unknown> }[] = []) {
  const ecouteurs: Record<string, (e: never) => void> = {}
  const p = {
    location: { origin: ORIGINE },
    registration: { showNotification: vi.fn(async () => {}) },
    clients: { matchAll: vi.fn(async () => fenetres), openWindow: vi.fn(async () => null) },
    addEventListener: (type: string, f: (e: never) => void) => {
      ecouteurs[type] = f
    },
  }
  ecouterPush(p as unknown as PorteeServiceWorker)
  return { p, ecouteurs }
}

function attendre() {
  const promesses: Promise<unknown>[] = []
  return { waitUntil: (x: Promise<unknown>) => promesses.push(x), fini: () => Promise.all(promesses) }
}

describe('the service worker’s push handler', () => {
  it('shows the payload as a notification: title, body, icon, tag = key, link kept', async () => {
    const { p, ecouteurs } = portee()
    const a = attendre()
    const contenu = { titre: 'Absence de Léa Martin', texte: 'Absence en Français le 28/11 à 8h05.', lien: '/absences?eleve=e1', cle: 'absence:1:2:3:push' }
    ecouteurs.push({ data: { json: () => contenu, text: () => JSON.stringify(contenu) }, waitUntil: a.waitUntil } as unknown as never)
    await a.fini()
    expect(p.registration.showNotification).toHaveBeenCalledWith('Absence de Léa Martin', {
      body: contenu.texte,
      icon: ICONE,
      tag: contenu.cle,
      data: { lien: `${ORIGINE}/absences?eleve=e1` },
    })
  })

  it('still shows something for an empty or unreadable push (a visible notification is required)', async () => {
    const { p, ecouteurs } = portee()
    const a = attendre()
    ecouteurs.push({ data: { json: () => { throw new SyntaxError('x') }, text: () => 'x' }, waitUntil: a.waitUntil } as unknown as EvenementPush as never)
    await a.fini()
    expect(p.registration.showNotification).toHaveBeenCalledWith('Ent', expect.objectContaining({ icon: ICONE, data: { lien: `${ORIGINE}/` } }))
  })

  it('opens links on its own origin only', () => {
    expect(lienSur(ORIGINE, '/notes?eleve=1')).toBe(`${ORIGINE}/notes?eleve=1`)
    expect(lienSur(ORIGINE, 'https://ailleurs.example.com/piege')).toBe(`${ORIGINE}/`)
    expect(lienSur(ORIGINE, '//ailleurs.example.com/piege')).toBe(`${ORIGINE}/`)
    expect(lienSur(ORIGINE, 'javascript:alert(1)')).toBe(`${ORIGINE}/`)
    expect(lienSur(ORIGINE, null)).toBe(`${ORIGINE}/`)
  })

  it('on click: focuses the window already on the page, else brings an Ent window there, else opens one', async () => {
    const lien = `${ORIGINE}/absences`
    const clic = (a: ReturnType<typeof attendre>) =>
      ({ notification: { close: vi.fn(), data: { lien } }, waitUntil: a.waitUntil }) as unknown as EvenementClic as never

    const surLaPage = { url: lien, focus: vi.fn(async () => null) }
    const un = portee([surLaPage])
    let a = attendre()
    un.ecouteurs.notificationclick(clic(a))
    await a.fini()
    expect(surLaPage.focus).toHaveBeenCalled()

    const autrePage = { url: `${ORIGINE}/`, focus: vi.fn(async () => null), navigate: vi.fn(async () => null) }
    const deux = portee([autrePage])
    a = attendre()
    deux.ecouteurs.notificationclick(clic(a))
    await a.fini()
    expect(autrePage.navigate).toHaveBeenCalledWith(lien)

    const aucune = portee([])
    a = attendre()
    aucune.ecouteurs.notificationclick(clic(a))
    await a.fini()
    expect(aucune.p.clients.openWindow).toHaveBeenCalledWith(lien)
  })
})
