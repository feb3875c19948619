import { configure } from '@testing-library/react'
import { demarrerI18n, i18next } from '../../i18n/i18n'

// Screens are lazy modules (one per audience): their first import in a test file is transformed on the fly, which
// takes more than the default second on a busy machine.
configure({ asyncUtilTimeout: 10_000 })

// The screens speak French in tests (the source language), whatever the machine's locale.
await demarrerI18n('fr')

// Every French namespace at once: the pure functions (and screens) under test find their texts without a load.
const francais = import.meta.glob<{ default: Record<string, unknown> }>('../../i18n/locales/fr/*.json', { eager: true })
for (const [chemin, module] of Object.entries(francais)) {
  i18next.addResourceBundle('fr', /([^/]+)\.json$/.exec(chemin)![1], module.default, true, true)
}
