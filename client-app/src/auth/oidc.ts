export const CLIENT_ID = 'ent-spa'
export const CHEMIN_RETOUR = '/connexion/retour'

/** Everything the SPA may do; what a person actually sees is decided per pupil by the server's access rules. */
export const PORTEES = [
  'openid',
  'profile',
  'offline_access',
  ...['identite', 'scolarite', 'viescolaire', 'communication', 'ressources'].flatMap((m) => [`${m}.read`, `${m}.write`]),
].join(' ')
