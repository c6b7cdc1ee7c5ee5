import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The serve host (`npm run serve`) as its own process over a given data directory, as a user runs it: the
 * bundled `dist/node/serve.js` when it is newer than the sources, else the same entry through tsx. Used by the
 * figures that are about the host a clerk actually runs (first paint, resident memory).
 */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RENDERER = join(ROOT, 'dist', 'renderer');

export interface ServeHost {
  child: ChildProcess;
  /** Page URL with the session token in the fragment. */
  url: string;
  origin: string;
  token: string;
  /** POST /api/<channel>; throws unless the router answered ok. */
  call<T>(channel: string, input: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Newest modification time under a source folder. */
function newest(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    n = Math.max(n, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return n;
}

export async function startServeHost(dataDir: string): Promise<ServeHost> {
  const bundled = join(ROOT, 'dist', 'node', 'serve.js');
  const fresh = existsSync(bundled) && ['core', 'db', 'shared'].every((d) => newest(join(ROOT, d)) <= statSync(bundled).mtimeMs);
  const args = fresh ? [bundled] : ['--import', 'tsx', join(ROOT, 'core', 'host', 'serve-main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, YIBAO_DATA_DIR: dataDir, YIBAO_PORT: '0', YIBAO_RENDERER_DIR: RENDERER },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve did not start:\n${out}`)), 60_000);
    const on = (c: Buffer) => {
      out += c.toString('utf8');
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    };
    child.stdout?.on('data', on);
    child.stderr?.on('data', on);
    child.once('exit', (code) => rej(new Error(`serve exited with ${code}:\n${out}`)));
  });
  const parsed = new URL(url);
  const token = parsed.hash.replace(/^#token=/, '');
  const origin = parsed.origin;
  return {
    child,
    url,
    origin,
    token,
    async call<T>(channel: string, input: unknown): Promise<T> {
      const res = await fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-session-token': token },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
      if (!body.ok) throw new Error(`${channel}: ${body.error.code} ${body.error.message}`);
      return body.value;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}
