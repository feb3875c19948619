import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './index.css'
import { App } from './App'
import { enregistrerTravailleur } from './hors-ligne/miseAJour'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

// The service worker (production builds only): the shell offline, and new versions at the next change of page.
void enregistrerTravailleur()
