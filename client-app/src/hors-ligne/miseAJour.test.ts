import { afterEach, describe, expect, it, vi } from 'vitest'
import { ATTENTE_ACTIVATION_MS, creerMiseAJour } from './miseAJour'

afterEach(() => vi.useRealTimers())

/** vite-plugin-pwa's registerSW, played by hand: the test says when a worker waits and when it takes control. */
function fauxEnregistrement() {
  const rappels: { onNeedRefresh?: () => void; onNeedReload?: () => void } = {}
  const appliquer = vi.fn(async () => undefined)
  const registerSW = vi.fn((options: typeof rappels) => {
    Object.assign(rappels, options)
    return appliquer
  })
  return { rappels, appliquer, registerSW }
}

describe('a new version', () => {
  it('is announced, then applied at the next change of page only', () => {
    vi.useFakeTimers()
    const recharger = vi.fn()
    const miseAJour = creerMiseAJour(recharger)
    const { rappels, appliquer, registerSW } = fauxEnregistrement()
    miseAJour.enregistrer(registerSW)
    expect(miseAJour.etat()).toBe('aucune')

    rappels.onNeedRefresh!()
    expect(miseAJour.etat()).toBe('prete')
    expect(appliquer).not.toHaveBeenCalled() // the person may be filling a form: nothing happens by itself

    miseAJour.changementDePage()
    expect(appliquer).toHaveBeenCalledTimes(1)
    expect(recharger).not.toHaveBeenCalled()

    rappels.onNeedReload!() // the new worker controls the page
    expect(recharger).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(ATTENTE_ACTIVATION_MS) // and only once
    expect(recharger).toHaveBeenCalledTimes(1)
  })

  it('loads the new page in full when the new worker is slow to take over', () => {
    vi.useFakeTimers()
    const recharger = vi.fn()
    const miseAJour = creerMiseAJour(recharger)
    const { rappels, registerSW } = fauxEnregistrement()
    miseAJour.enregistrer(registerSW)
    rappels.onNeedRefresh!()

    miseAJour.changementDePage()
    vi.advanceTimersByTime(ATTENTE_ACTIVATION_MS - 1)
    expect(recharger).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(recharger).toHaveBeenCalledTimes(1)
  })

  it('activated by another tab, reloads this one at its next change of page, not before', () => {
    const recharger = vi.fn()
    const miseAJour = creerMiseAJour(recharger)
    const { rappels, registerSW } = fauxEnregistrement()
    miseAJour.enregistrer(registerSW)

    rappels.onNeedRefresh!()
    rappels.onNeedReload!()
    expect(recharger).not.toHaveBeenCalled()

    miseAJour.changementDePage()
    expect(recharger).toHaveBeenCalledTimes(1)
  })

  it('does nothing at a change of page when no version waits', () => {
    const recharger = vi.fn()
    const miseAJour = creerMiseAJour(recharger)
    const { appliquer, registerSW } = fauxEnregistrement()
    miseAJour.enregistrer(registerSW)

    miseAJour.changementDePage()
    expect(appliquer).not.toHaveBeenCalled()
    expect(recharger).not.toHaveBeenCalled()
  })
})
