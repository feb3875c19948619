/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { precompression } from './precompression.ts'

// In development the ASP.NET Core host runs on its own port; proxying keeps every call same-origin, as in production.
const host = process.env.ENT_HOST_URL ?? 'http://localhost:5080'

/** The blue and the page's background of src/index.css (--bleu, --fond). */
const BLEU = '#000091'
const FOND = '#f6f6f6'

export default defineConfig({
  plugins: [
    react(),
    // Installable and offline (issue 19): the worker is ours (src/sw.ts, Workbox modules), the plugin builds it and
    // injects the list of the shell's files. Registered by src/hors-ligne/miseAJour.ts in production builds only.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Ent — espace numérique de travail',
        short_name: 'Ent',
        description: "Espace numérique de travail de l'établissement : notes, devoirs, absences, messages.",
        lang: 'fr',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        id: '/',
        display: 'standalone',
        theme_color: BLEU,
        background_color: FOND,
        icons: [
          { src: '/icons/ent-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/ent-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/ent-masquable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The shell only: the page, the entry's script and style, the icons (the manifest's are added by the plugin).
        // Each audience's screens are cached by the worker when first used (a parent never downloads the teachers'
        // screens), see src/sw.ts.
        globPatterns: ['index.html', 'assets/index-*.{js,css}', 'assets/workbox-window*.js', 'favicon.svg', 'icons/apple-touch-icon.png'],
      },
    }),
    precompression(),
  ],
  server: {
    proxy: {
      '/api': host,
      '/openapi': host,
      '/health': host,
      // The OpenID Connect server and its login page; /connexion/retour is the app's own route.
      '/connect': host,
      '/.well-known': host,
      '^/connexion(?!/retour)': host,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/commun/testing/setup.ts'],
    // The first render of a lazy screen transforms its module: slow on a busy machine.
    testTimeout: 30_000,
  },
})
