import { describe, expect, it } from 'vitest'
import { ApiException } from '../api/ent-client'
import { injoignable, lireRefus, messageErreur, problemeServeur } from './erreurs'

const INJOIGNABLE = 'Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.'
const PROBLEME_SERVEUR = 'Le serveur a rencontré un problème. Réessayez dans quelques minutes.'

describe('what a failed call says', () => {
  it('tells a network failure from a server failure', () => {
    expect(messageErreur(new TypeError('Failed to fetch'))).toBe(INJOIGNABLE)
    expect(messageErreur(new ApiException('An unexpected server error occurred.', 502, '', {}, null))).toBe(PROBLEME_SERVEUR)
    // A 500's problem document says nothing useful to the person (a trace id): never shown.
    expect(messageErreur({ status: 500, title: 'Erreur inattendue', detail: 'traceId 0HN…' })).toBe(PROBLEME_SERVEUR)
  })

  it("shows the server's French detail and field errors of a 4xx, never its English title or raw JSON", () => {
    expect(lireRefus({ status: 400, title: 'One or more validation errors occurred.', errors: { date: ['La date est requise.'] } })).toEqual({
      champs: { date: 'La date est requise.' },
      message: 'Vérifiez les champs signalés.',
    })
    expect(messageErreur({ status: 409, title: 'Conflict', detail: 'Ce justificatif a déjà été examiné.' })).toBe('Ce justificatif a déjà été examiné.')
    const brut = new ApiException('An unexpected server error occurred.', 403, '{"title":"Forbidden"}', {}, null)
    expect(messageErreur(brut)).toBe("Vous n'avez pas accès à cette action. Adressez-vous à votre établissement si vous pensez que c'est une erreur.")
  })
})

describe('the sentences in the reader’s language', () => {
  it('are French by default', () => {
    expect(injoignable()).toBe(INJOIGNABLE)
    expect(problemeServeur()).toBe(PROBLEME_SERVEUR)
  })
})
