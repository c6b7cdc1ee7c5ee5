// Bundle the Node side with esbuild (the renderer is built by Vite):
//   dist/node/serve.js        `npm run serve` host (ESM)
//   dist/node/core-entry.cjs  the core as Electron's utility process
//   dist/electron/main.cjs    Electron main (CJS; 'electron' external)
//   dist/electron/preload.cjs sandboxed preload (CJS; 'electron' external)
//   dist/node/snapshot-worker.cjs  the backup's worker thread (plain CommonJS, copied as it is)
//   dist/node/sheet-worker.cjs     the batch import's spreadsheet thread, exceljs bundled in: a worker thread loads
//                                  it from a plain file beside the bundle (unpacked from the asar), needing nothing else
// npm packages stay external (node_modules ships with the app: better-sqlite3-multiple-ciphers, the station's
// encrypted SQLite, among them); our own code is bundled.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { copyFileSync, mkdirSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

await Promise.all([
  build({ ...common, entryPoints: ['core/host/serve-main.ts'], outfile: 'dist/node/serve.js', format: 'esm' }),
  // CommonJS has no import.meta: the core finds files beside itself (the backup worker) through import.meta.url.
  build({
    ...common,
    entryPoints: ['core/electron-entry.ts'],
    outfile: 'dist/node/core-entry.cjs',
    format: 'cjs',
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({ ...common, entryPoints: ['core/features/batch/sheet-worker.ts'], outfile: 'dist/node/sheet-worker.cjs', format: 'cjs', packages: 'bundle' }),
  build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', external: ['electron'] }),
  build({ ...common, entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'], platform: 'browser', target: 'chrome130' }),
]);
mkdirSync(join(root, 'dist/node'), { recursive: true });
copyFileSync(join(root, 'core/features/backup/snapshot-worker.cjs'), join(root, 'dist/node/snapshot-worker.cjs'));
console.log('bundled: dist/node/serve.js, dist/node/core-entry.cjs, dist/node/sheet-worker.cjs, dist/electron/main.cjs, dist/electron/preload.cjs');
