import { useCallback, useState } from 'react'
import { lireRefus, type Refus } from './erreurs'

export const SANS_REFUS: Refus = { champs: {}, message: null }

/**
 * A form's sending, in one place: `envoyer(action)` marks it pending, clears the last refusal, runs the call and
 * keeps its refusal (field errors and a French message, see lireRefus). It resolves to the call's answer, or
 * undefined when it failed.
 */
export function useEnvoi() {
  const [envoi, setEnvoi] = useState(false)
  const [refus, setRefus] = useState<Refus>(SANS_REFUS)
  const envoyer = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    setEnvoi(true)
    setRefus(SANS_REFUS)
    try {
      return await action()
    } catch (erreur) {
      setRefus(lireRefus(erreur))
      return undefined
    } finally {
      setEnvoi(false)
    }
  }, [])
  return { envoyer, envoi, refus, setRefus }
}
