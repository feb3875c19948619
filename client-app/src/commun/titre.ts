import i18next from 'i18next'

/** The app's name in French (the default language): tests and the server's pages compare with it. */
export const TITRE = 'Ent — Espace numérique de travail'

/** The app's name in the reader's language. */
export const titreApplication = () => (i18next.isInitialized ? i18next.t('app.titre') : TITRE)

/** The browser tab's title of a page: « Notes — Ent — Espace numérique de travail ». */
export const titreDocument = (titre: string) => `${titre} — ${titreApplication()}`
