import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import { App } from './App'
import { enregistrerTravailleur } from './hors-ligne/miseAJour'
import { demarrerI18n } from './i18n/i18n'

// The shell's texts in the reader's language before the first paint (French is in the bundle; another is one request).
void demarrerI18n().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
)

// The service worker (production builds only): the shell offline, and new versions at the next change of page.
void enregistrerTravailleur()
