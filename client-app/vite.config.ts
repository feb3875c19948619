/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompression } from './precompression.ts'

// In development the ASP.NET Core host runs on its own port; proxying keeps every call same-origin, as in production.
const host = process.env.ENT_HOST_URL ?? 'http://localhost:5080'

export default defineConfig({
  plugins: [react(), precompression()],
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
