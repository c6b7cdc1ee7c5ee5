import { Worker, type WorkerOptions } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The core's worker threads, wherever the core runs from.
 *
 * - From the bundle (dist/node: `npm run serve`, Electron): the worker is `<name>.cjs` beside the bundle
 *   (build/bundle.mjs writes it). In a packaged Electron app that is its unpacked copy (electron-builder.yml
 *   asarUnpack): a worker thread loads its script from a plain file.
 * - From the TypeScript source (tests, benches, `tsx`): the worker is `<name>.ts` beside the calling module, loaded
 *   through tsx's loader, registered inside the new thread first (a `--import` in a worker's execArgv does not apply
 *   to the worker's own entry on Node 20).
 */

/** In a packaged app, the unpacked copy of a file inside app.asar (when there is one). */
export function unpackedPath(path: string): string {
  const unpacked = path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return unpacked !== path && existsSync(unpacked) ? unpacked : path;
}

/** Start worker `name` of the module at `metaUrl` (its `import.meta.url`). */
export function startWorker(metaUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (metaUrl.endsWith('.ts')) {
    const entry = new URL(`./${name}.ts`, metaUrl).href;
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(boot, { ...options, eval: true });
  }
  return new Worker(unpackedPath(join(dirname(fileURLToPath(metaUrl)), `${name}.cjs`)), options);
}
