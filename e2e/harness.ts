/**
 * End-to-end harness: build the renderer when it is stale, seed a data directory, start the serve host
 * (`node dist/node/serve.js`, or the TypeScript entry through tsx before the bundle exists) on a free port,
 * drive Debian's Chromium with playwright-core, scan pages with axe-core, save screenshots. The UI steps the
 * stories share (sign-in, look-up, intake, receipt…) are in steps.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { residentIdCheckCharacter } from '../shared/identity';
import { newestMtime, RENDERER_DIR, ROOT } from '../core/testing/serve-process';
import { printedAddress } from '../core/testing/printed-address';
import { stopProcess } from '../core/testing/stop-process';
import { backOfficeOfProcess } from '../central/testing/back-office';

export { RENDERER_DIR, ROOT, startServe, type ServeProcess } from '../core/testing/serve-process';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
export const PASSWORD = 'demo-pass-2026';

/** Why the browser tests cannot run here, or null. Printed, so a skip is never silent. */
export function skipReason(): string | null {
  if (!existsSync(CHROMIUM_PATH)) return `${CHROMIUM_PATH} not found (apt-get install -y chromium fonts-noto-cjk poppler-utils)`;
  return null;
}

export function announceSkip(suite: string): boolean {
  const reason = skipReason();
  if (reason) console.warn(`[e2e] SKIPPED ${suite}: ${reason}`);
  return reason !== null;
}

// ---------------------------------------------------------------------------------------------
// Build

function rendererStale(): boolean {
  const index = join(RENDERER_DIR, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return newestMtime(join(ROOT, 'renderer')) > built || newestMtime(join(ROOT, 'shared')) > built;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Copy a fresh build over dist/renderer without ever leaving it empty: hashed assets first (old ones stay, so a
 * page loaded before the rebuild can still fetch its lazy chunks), index.html last, by an atomic rename.
 */
function publishBuild(from: string): void {
  mkdirSync(join(RENDERER_DIR, 'assets'), { recursive: true });
  for (const name of readdirSync(join(from, 'assets'))) copyFileSync(join(from, 'assets', name), join(RENDERER_DIR, 'assets', name));
  for (const name of readdirSync(from)) {
    if (name === 'assets' || name === 'index.html') continue;
    const src = join(from, name);
    if (statSync(src).isFile()) copyFileSync(src, join(RENDERER_DIR, name));
  }
  const next = join(RENDERER_DIR, `index.html.${process.pid}`);
  copyFileSync(join(from, 'index.html'), next);
  renameSync(next, join(RENDERER_DIR, 'index.html'));
}

/**
 * Build the renderer once when sources are newer than dist/renderer (test files run in parallel: a lock
 * directory). The build goes to a scratch directory and is then copied over: other test files may be serving
 * dist/renderer at that moment (sources under shared/ change while tests run).
 */
export async function ensureRendererBuilt(): Promise<void> {
  if (!rendererStale()) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  const lock = join(ARTIFACTS, '.build-lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`renderer build lock ${lock} held for 3 minutes; remove it if no build is running`);
      await sleep(250);
    }
  }
  const out = mkdtempSync(join(tmpdir(), 'yibao-e2e-renderer-'));
  try {
    if (!rendererStale()) return;
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn', '--outDir', out, '--emptyOutDir'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        // vitest sets NODE_ENV=test, which would make Vite build React's development bundle.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    if (r.status !== 0) throw new Error(`renderer build failed:\n${r.stdout}\n${r.stderr}`);
    publishBuild(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmdirSync(lock);
  }
}

// ---------------------------------------------------------------------------------------------
// Data and the serve host

export function tempDataDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `yibao-e2e-${label}-`));
}

/** Fill a data dir with the demo station (users admin/clerk1/clerk2/helper1/mobile1, password demo-pass-2026). */
export function seed(dataDir: string, opts: { persons: number; cases: number }): void {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'core', 'testing', 'seed-cli.ts'), '--data-dir', dataDir, '--persons', String(opts.persons), '--cases', String(opts.cases)],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`seeding failed:\n${r.stdout}\n${r.stderr}`);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  // The station's key file, which the serve host keeps beside its data directory (core/config defaultKeyFile).
  rmSync(`${dir}-keys`, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Browser

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string }[];
}

/**
 * Run axe-core on the page; returns the serious and critical violations. The page's CSP (script-src 'self')
 * refuses `addScriptTag`'s inline script, so axe's source is evaluated over the DevTools protocol, which the
 * CSP does not govern — the app's own CSP stays on during the tests.
 */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  const axePath = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
  // Page-side code is passed as text: the e2e programs are type-checked without the DOM library.
  if (!(await page.evaluate('typeof axe !== "undefined"'))) await page.evaluate(readFileSync(axePath, 'utf8'));
  const violations = (await page.evaluate(`(async () => {
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  })()`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Run a browser step; on failure save a screenshot named after it (e2e/artifacts/failures/) and rethrow. */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const dir = join(ARTIFACTS, 'failures');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true }).catch(() => undefined);
    throw e;
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Text of a PDF (poppler's pdftotext). */
export function pdfText(pdfPath: string): string {
  const r = spawnSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

/** A valid resident ID number (GB 11643) for a birth date and sequence, in a real area. */
export function residentId(birth: string, seq: number, area = '371002'): string {
  const body = `${area}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
}

/** Today in Shanghai as YYYY-MM-DD. */
export function todayShanghai(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// The reference central server (central/cli.ts serve) and its back office

export interface CentralProcess {
  /** Base URL, e.g. http://127.0.0.1:41234 (what a supervisor types into 连接中心). */
  url: string;
  dataDir: string;
  /** Call the back office's API (`/v1/admin/…`), signed in as the named account whose role the route needs. */
  admin<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/**
 * Start `node --import tsx central/cli.ts serve --port 0` over a fresh data directory (embedded SQLite) and wait for
 * the address it prints; its first administrator is made from the shell (`account create-admin`), the other named
 * back-office accounts by that administrator. The back office (enrollment codes, roster, review) is driven through
 * its API, as the `station`, `publish` and `review` CLI commands do, each call signed in as the account its route
 * needs.
 */
export async function startCentral(): Promise<CentralProcess> {
  const dataDir = tempDataDir('central');
  const env = { ...process.env, CENTRAL_DATA_DIR: dataDir, DATABASE_URL: '', CENTRAL_LOG_LEVEL: 'warn' };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'central', 'cli.ts'), 'serve', '--host', '127.0.0.1', '--port', '0'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await printedAddress(child, /(http:\/\/127\.0\.0\.1:\d+)\/v1\/health/, 'central');
  const backOffice = await backOfficeOfProcess(url, env);
  return {
    url,
    dataDir,
    async admin(method, path, body) {
      const r = await backOffice.admin(method, path, body);
      return { status: r.status, body: r.body as never };
    },
    async stop() {
      await stopProcess(child);
      removeDir(dataDir);
    },
  };
}

/** A date `n` days before today (Shanghai), as YYYY-MM-DD. */
export function daysAgo(n: number): string {
  const d = new Date(`${todayShanghai()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** A tiny valid PNG (a photo of a paper form, as far as the upload cares). */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
