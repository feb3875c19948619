import { configure } from '@testing-library/react'
import { demarrerI18n } from '../../i18n/i18n'

// Screens are lazy modules (one per audience): their first import in a test file is transformed on the fly, which
// takes more than the default second on a busy machine.
configure({ asyncUtilTimeout: 10_000 })

// The screens speak French in tests (the source language), whatever the machine's locale.
await demarrerI18n('fr')
