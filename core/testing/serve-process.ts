import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/errors';
import { printedAddress } from './printed-address';
import { stopProcess } from './stop-process';

/**
 * `npm run serve`'s host as its own process over a data directory, as a clerk runs it — for the end-to-end
 * tests (a browser drives it) and the benchmarks that are about the host itself (first paint, memory).
 */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_DIR = join(ROOT, 'dist', 'renderer');


/** Newest modification time under a source folder. */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

export interface ServeProcess {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** The host's process id (the memory figure reads it). */
  pid: number;
  /**
   * Call the API as the browser tab does: with the serve token and the session of the tab `follow` names (each tab
   * signs in on its own; without a tab to follow, a session of nobody).
   */
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ApiResult<ChannelOutput<C>>>;
  /** Which tab's session `call` uses: a function reading the tab's session id (sessionStorage `yibao.tabSession`). */
  follow(tabSession: () => Promise<string | null>): void;
  stop(): Promise<void>;
}

/**
 * The bundled serve host when it exists and is newer than the sources it is built from; otherwise the
 * TypeScript entry through tsx (the seeder always runs from source, so a stale bundle would disagree with it,
 * e.g. about the schema version).
 */
function serveCommand(): string[] {
  const bundled = join(ROOT, 'dist', 'node', 'serve.js');
  if (existsSync(bundled)) {
    const built = statSync(bundled).mtimeMs;
    if (['core', 'db', 'shared'].every((d) => newestMtime(join(ROOT, d)) <= built)) return [bundled];
  }
  return ['--import', 'tsx', join(ROOT, 'core', 'host', 'serve-main.ts')];
}

/** Start `npm run serve`'s host on a free port over `dataDir` and wait for the URL it prints. */
export async function startServe(dataDir: string): Promise<ServeProcess> {
  const args = serveCommand();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, YIBAO_DATA_DIR: dataDir, YIBAO_PORT: '0', YIBAO_RENDERER_DIR: RENDERER_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await printedAddress(child, /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/, 'serve');
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token')!;
  const origin = parsed.origin;
  let tabSession: () => Promise<string | null> = () => Promise.resolve(null);
  return {
    url,
    origin,
    token,
    dataDir,
    pid: child.pid!,
    follow(read) {
      tabSession = read;
    },
    async call(channel, input) {
      const tab = await tabSession();
      const res = await fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-session-token': token, ...(tab ? { 'x-tab-session': tab } : {}) },
        body: JSON.stringify(input),
      });
      return (await res.json()) as ApiResult<ChannelOutput<typeof channel>>;
    },
    async stop() {
      await stopProcess(child);
    },
  };
}

