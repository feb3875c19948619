/**
 * Addresses the host answers itself, never the app's page (host/Ent.Host/SpaHosting.cs, the Identité and Ressources
 * modules): the API and its document, health, the OpenID Connect server and its login, activation and GAR pages, the
 * iCal feeds. /connexion/retour is the app's own route (the end of a sign-in). A path whose last segment has an
 * extension is a file, as for the host's fallback (`:nonfile`). Read by the service worker (src/sw.ts): a navigation
 * to one of these goes to the server, never to the precached page.
 */
export const ADRESSES_DU_SERVEUR: RegExp[] = [
  /^\/(api|openapi|health|connect|\.well-known|activation|saml|ical)(\/|\?|$)/,
  /^\/connexion(?!\/retour(\?|$))(\/|\?|$)/,
  /\/[^/?]+\.[^/?]+(\?|$)/,
]

/** Whether a navigation to `chemin` (path and query) is the server's, not the app's. */
export const estAdresseDuServeur = (chemin: string) => ADRESSES_DU_SERVEUR.some((motif) => motif.test(chemin))
