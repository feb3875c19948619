export const TITRE = 'Ent — Espace numérique de travail'

/** The browser tab's title of a page: « Notes — Ent — Espace numérique de travail ». */
export const titreDocument = (titre: string) => `${titre} — ${TITRE}`
