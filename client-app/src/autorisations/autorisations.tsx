/** The consent forms' screens (issue 17, consentements), as the route table loads them: families and staff. */
export { PageMesAutorisations as MesAutorisations } from './PageMesAutorisations'
export { PageAutorisationsOrganisees as AutorisationsOrganisees } from './PageAutorisationsOrganisees'
export { PageSuiviAutorisation as SuiviAutorisation } from './PageSuiviAutorisation'
