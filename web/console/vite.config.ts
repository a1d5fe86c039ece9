// The staff console's build: served by Relance at /console (src/http/console/serve-console.ts).
// `npm run dev:console` serves it with hot reload and proxies /api to the running service
// (RELANCE_URL, default http://localhost:3000).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': process.env.RELANCE_URL ?? 'http://localhost:3000' },
  },
});
