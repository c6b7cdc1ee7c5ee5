import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';

/**
 * The real Electron shell, when its binary is installed. Here (no network) it is not: the tests skip and
 * say why — the same UI and core are covered end to end through `npm run serve` (e2e/).
 */
function electronBinary(): string | null {
  // Not require('electron'): from Electron 40 on, requiring it downloads the binary when it is missing.
  const dir = join(dirname(createRequire(import.meta.url).resolve('electron/package.json')));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const path = join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(path) ? path : null;
}

const binary = electronBinary();
const built = existsSync('dist/electron/main.cjs') && existsSync('dist/renderer/index.html');
const reason = !binary ? 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD / no network)' : !built ? 'the app is not built (npm run build)' : null;
if (reason) console.log(`SKIP electron shell tests: ${reason}`);

describe.skipIf(reason !== null)('Electron shell', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'yibao-electron-'));
    app = await _electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, YIBAO_DATA_DIR: dataDir } as Record<string, string> });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the app from its own protocol, isolated and sandboxed', async () => {
    expect(page.url()).toMatch(/^app:\/\/workstation\//);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    // Through contextBridge the page only sees proxies: the preload's functions are not its own code.
    expect(await page.evaluate(() => String((globalThis as unknown as { workstation: { invoke: unknown } }).workstation.invoke))).toContain('[native code]');
  });

  it('exposes only window.workstation, and it reaches the core', async () => {
    const keys = await page.evaluate(() => Object.keys((globalThis as { workstation?: object }).workstation ?? {}).sort());
    expect(keys).toEqual(['invoke', 'on', 'print', 'savePdf']);
    const status = await page.evaluate(() => (globalThis as unknown as { workstation: { invoke(c: string, i: unknown): Promise<unknown> } }).workstation.invoke('setup.status', {}));
    expect(status).toEqual({ ok: true, value: { initialized: false, station: null } });
  });

  it("seals the station's data key with safeStorage and records the backend (no key in the clear on disk)", async () => {
    const envelope = JSON.parse(readFileSync(join(dataDir, 'station-keys.json'), 'utf8')) as { wraps: { kind: string; backend?: string; platform?: string }[] };
    const local = envelope.wraps.find((w) => w.kind === 'safeStorage');
    expect(local).toMatchObject({ platform: process.platform });
    expect(typeof local?.backend).toBe('string');
    expect(readFileSync(join(dataDir, 'station.sqlite')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });

  it('refuses navigation away from the app and new windows', async () => {
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });
});
