import './messagerie.css'

/** The messaging screens (everyone's, and the administrators'), as the route table (routes.tsx) loads them: one lazy module. */
export { PageMessagerie as Messagerie } from './PageMessagerie'
export { PageConversation as ConversationMessagerie } from './PageConversation'
export { PageNouveauMessage as NouveauMessage } from './PageNouveauMessage'
export { PageReglesMessagerie as ReglesMessagerie } from './PageReglesMessagerie'
export { PageModerationMessagerie as ModerationMessagerie } from './PageModerationMessagerie'
