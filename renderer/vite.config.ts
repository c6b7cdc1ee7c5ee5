/* eslint-disable local/layers -- build configuration: runs in Node at build time, never in the renderer */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer is built once and loaded two ways: from `dist/renderer/` by `npm run serve` (http://127.0.0.1)
 * and by Electron under its custom `app://` protocol — hence relative asset URLs (`base: './'`).
 */
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: { host: '127.0.0.1' },
});
