import { configure } from '@testing-library/react'

// Screens are lazy modules (one per audience): their first import in a test file is transformed on the fly, which
// takes more than the default second on a busy machine.
configure({ asyncUtilTimeout: 10_000 })
