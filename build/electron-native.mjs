// Build better-sqlite3-multiple-ciphers (the station's encrypted SQLite) for the installed Electron's ABI into
// dist/native/better_sqlite3.node, leaving node_modules' Node build alone (tests and `npm run serve` use that one).
// Needs the network once to fetch Electron's headers; skipped when the binding for this package and Electron version
// is already there.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const outDir = join(root, 'dist/native');
const out = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'electron-version');
const PKG = 'better-sqlite3-multiple-ciphers';
const built = `${PKG}@${electronVersion}`;

if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === built) process.exit(0);

const work = join(outDir, `build-${PKG}`);
rmSync(work, { recursive: true, force: true });
cpSync(join(root, 'node_modules', PKG), work, { recursive: true, filter: (p) => !p.includes(`${join(PKG, 'build')}`) });
const gyp = require.resolve('node-gyp/bin/node-gyp.js');
console.log(`building ${PKG} for Electron ${electronVersion} …`);
const r = spawnSync(process.execPath, [gyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], { cwd: work, stdio: 'inherit' });
if (r.status !== 0) {
  console.error(`could not build ${PKG} for Electron (are Electron headers reachable?). \`npm run serve\` works without it.`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
copyFileSync(join(work, 'build/Release/better_sqlite3.node'), out);
writeFileSync(stamp, built);
rmSync(work, { recursive: true, force: true });
console.log(`built ${out}`);
