import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { User } from 'oidc-client-ts'
import { avecHorsLigne } from '../hors-ligne/horsLigne'
import { magasinParDefaut, type Magasin } from '../hors-ligne/magasin'
import { sources } from '../hors-ligne/sources'
import { fetchAvecJeton, panneReseau, SessionContext, type Gestionnaire, type Session } from './contexte'
import { effacerMarqueur, noterTentative } from './marqueur'
import { adresseCourante, type EtatConnexion } from './retour'

/**
 * Holds the connected person for the whole app: read from the tab's storage at start (renewed first if expired),
 * then kept in step with oidc-client-ts's events; a failed automatic renewal ends the session visibly. A tab without
 * tokens, when the server left the « Rester connecté » marker, first leaves for a silent sign-in (see marqueur.ts).
 * The API's reads are kept per person for offline use (`magasin`, src/hors-ligne/): emptied whenever the session ends
 * — logout, « Se déconnecter partout », a session that ended by itself.
 */
export function SessionProvider({
  gestionnaire,
  magasin = magasinParDefaut(),
  children,
}: {
  gestionnaire: Gestionnaire
  magasin?: Magasin
  children: ReactNode
}) {
  // While leaving for the server's logout, the page stays as it is: showing the public home for an instant would start
  // its requests only for the navigation to abort them.
  const enSortie = useRef(false)
  const [etat, setEtat] = useState<{ chargee: boolean; utilisateur: User | null; terminee: boolean }>({
    chargee: false,
    utilisateur: null,
    terminee: false,
  })

  useEffect(() => {
    let actif = true
    const definir = (utilisateur: User | null, terminee = false) => {
      if (actif) setEtat({ chargee: true, utilisateur, terminee })
    }
    const terminer = () => {
      void gestionnaire
        .removeUser()
        .then(() => oublierDonnees(magasin))
        .finally(() => definir(null, true))
    }
    const desabonnements = [
      gestionnaire.events.addUserLoaded((u) => definir(u)),
      gestionnaire.events.addUserUnloaded(() => {
        if (!enSortie.current) setEtat((e) => ({ ...e, chargee: true, utilisateur: null }))
      }),
      // The automatic renewal failed: the refresh token is revoked, expired or was used by another tab — or the network
      // is gone, and the session goes on (offline reads need it): renewed when the browser is back online.
      gestionnaire.events.addSilentRenewError((erreur) => (panneReseau(erreur) ? renouvelerEnLigne() : terminer())),
    ]
    const renouvelerEnLigne = () => {
      window.addEventListener(
        'online',
        () => {
          if (!actif) return
          gestionnaire.signinSilent().then(
            (u) => u && definir(u),
            (erreur: unknown) => (panneReseau(erreur) ? renouvelerEnLigne() : terminer()),
          )
        },
        { once: true },
      )
    }

    // The stored user, unless a sign-in completed or an event arrived meanwhile: theirs is newer.
    const initial = (utilisateur: User | null) => {
      if (actif) setEtat((e) => (e.chargee ? e : { chargee: true, utilisateur, terminee: false }))
    }
    void (async () => {
      await terminerDeconnexion(gestionnaire)
      const utilisateur = await gestionnaire.getUser()
      // Offline, leaving for the server would only show the browser's error page: the tab stays (issue 19).
      if (navigator.onLine !== false && noterTentative(utilisateur !== null)) {
        // The page stays « Chargement… » while the browser leaves; back without tokens, the marker is gone.
        const etat: EtatConnexion = { retour: adresseCourante(), silencieuse: true }
        return await gestionnaire.signinRedirect({ prompt: 'none', state: etat })
      }
      if (!utilisateur?.expired) return initial(utilisateur)
      try {
        initial(await gestionnaire.signinSilent())
      } catch (erreur) {
        // Offline: still this person, with the reads kept on this device; the token is renewed at the next call online.
        if (panneReseau(erreur)) initial(utilisateur)
        else terminer()
      }
    })().catch(() => initial(null))

    return () => {
      actif = false
      desabonnements.forEach((d) => d())
    }
  }, [gestionnaire, magasin])

  // Stable across renders: the API loaders memoize on `http`, and a new one would reload every page.
  const actions = useMemo(() => {
    const perdue = () => {
      void gestionnaire
        .removeUser()
        .then(() => oublierDonnees(magasin))
        .finally(() => setEtat({ chargee: true, utilisateur: null, terminee: true }))
    }
    // Whose reads are kept: nobody once the logout has started (an answer arriving meanwhile is not kept).
    const deconnexion = { enCours: false }
    const personne = async () => (deconnexion.enCours ? null : ((await gestionnaire.getUser())?.profile.sub ?? null))
    return {
      seConnecter: (retour = adresseCourante()) => gestionnaire.signinRedirect({ state: { retour } satisfies EtatConnexion }),
      seDeconnecter: async () => {
        enSortie.current = true
        deconnexion.enCours = true
        effacerMarqueur()
        await oublierDonnees(magasin)
        // Revoke the refresh token first, apart: a failed revocation must not keep the person logged in.
        await gestionnaire.revokeTokens(['refresh_token']).catch(() => undefined)
        try {
          await gestionnaire.signoutRedirect()
        } catch (erreur) {
          // The server cannot be reached: forget the tokens here at least, and say so (the caller shows the error).
          enSortie.current = false
          await gestionnaire.removeUser()
          deconnexion.enCours = false
          throw erreur
        }
      },
      terminerIci: async () => {
        effacerMarqueur()
        await gestionnaire.removeUser()
        await oublierDonnees(magasin)
        setEtat({ chargee: true, utilisateur: null, terminee: true })
      },
      terminerConnexion: async (url: string) => {
        const utilisateur = await gestionnaire.terminerConnexion(url)
        setEtat({ chargee: true, utilisateur, terminee: false })
        return utilisateur.state
      },
      http: {
        fetch: avecHorsLigne((url, init) => fetchAvecJeton(gestionnaire, perdue, url, init), {
          magasin,
          personne,
          signaler: sources.signaler,
        }),
      },
    }
  }, [gestionnaire, magasin])
  const session = useMemo<Session>(() => ({ ...etat, ...actions }), [etat, actions])

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
}

/** Back from the server's end-session endpoint: drop the logout's state and the ?state= from the address bar. */
async function terminerDeconnexion(gestionnaire: Gestionnaire) {
  const url = new URL(window.location.href)
  if (url.pathname !== '/' || !url.searchParams.has('state')) return
  await gestionnaire.signoutRedirectCallback(url.href).catch(() => undefined)
  window.history.replaceState(window.history.state, '', '/')
}

/** The person's kept reads, gone (and the offline banner with them). A store that fails must not stop a logout. */
async function oublierDonnees(magasin: Magasin) {
  sources.oublier()
  await magasin.vider().catch(() => undefined)
}
