// Bundle the Node side with esbuild (the renderer is built by Vite):
//   dist/node/serve.js        `npm run serve` host (ESM)
//   dist/node/core-entry.cjs  the core as Electron's utility process
//   dist/electron/main.cjs    Electron main (CJS; 'electron' external)
//   dist/electron/preload.cjs sandboxed preload (CJS; 'electron' external)
// npm packages stay external (node_modules ships with the app); our own code is bundled.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

await Promise.all([
  build({ ...common, entryPoints: ['core/host/serve-main.ts'], outfile: 'dist/node/serve.js', format: 'esm' }),
  build({ ...common, entryPoints: ['core/electron-entry.ts'], outfile: 'dist/node/core-entry.cjs', format: 'cjs' }),
  build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', external: ['electron'] }),
  build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'], platform: 'browser', target: 'chrome130' }),
]);
console.log('bundled: dist/node/serve.js, dist/node/core-entry.cjs, dist/electron/main.cjs, dist/electron/preload.cjs');
