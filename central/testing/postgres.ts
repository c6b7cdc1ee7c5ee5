import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * PostgreSQL for the conformance suite, in this order:
 * 1. `TEST_DATABASE_URL` when set (any reachable server; each test store gets its own schema in it);
 * 2. a throwaway cluster made with `initdb`/`pg_ctl` in a temp directory on a free port (as the `postgres`
 *    user when running as root — PostgreSQL refuses to run as root);
 * 3. otherwise none, with the reason (the suite then skips its PostgreSQL half and prints why).
 */

export type PgAvailability = { ok: true; how: 'url' | 'cluster'; url?: string; bin?: string; runAs?: string } | { ok: false; reason: string };

function findBin(): string | null {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  const lib = '/usr/lib/postgresql';
  if (fs.existsSync(lib)) {
    for (const v of fs.readdirSync(lib).sort().reverse()) candidates.push(path.join(lib, v, 'bin'));
  }
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

function userExists(name: string): boolean {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}

/** Decided synchronously (at test collection time), so the suite can skip with a reason. */
export function postgresAvailability(): PgAvailability {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return { ok: true, how: 'url', url };
  const bin = findBin();
  if (!bin) return { ok: false, reason: 'TEST_DATABASE_URL is not set and initdb/pg_ctl were not found (PATH, /usr/lib/postgresql/*/bin)' };
  if (process.getuid?.() === 0) {
    if (!userExists('postgres')) return { ok: false, reason: "running as root and there is no 'postgres' user to run a throwaway cluster as" };
    if (!fs.existsSync('/usr/sbin/runuser') && !fs.existsSync('/sbin/runuser')) return { ok: false, reason: 'running as root and runuser is missing' };
    return { ok: true, how: 'cluster', bin, runAs: 'postgres' };
  }
  return { ok: true, how: 'cluster', bin };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface PgServer {
  /** A connection string to a fresh, empty schema of its own. */
  freshDatabase(): Promise<string>;
  /** Drop a schema made by freshDatabase (after its pool is closed). */
  dropDatabase(url: string): Promise<void>;
  stop(): Promise<void>;
  readonly description: string;
  /**
   * A throwaway cluster only: restart the server (`fast`: a clean shutdown; `immediate`: as after a crash), staying
   * down at least `downMs` in between (an outage longer than a client's quick retries).
   */
  restart?(mode: 'fast' | 'immediate', downMs?: number): Promise<void>;
  /** A throwaway cluster only: pg_terminate_backend() of every client connection (what a DBA or a failover does). */
  terminateClients?(): Promise<number>;
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

async function dropSchema(baseUrl: string, url: string): Promise<void> {
  const schema = /search_path=(t_[0-9a-f]+)/.exec(decodeURIComponent(url))?.[1];
  if (!schema) return;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

async function makeSchema(baseUrl: string): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  return withSearchPath(baseUrl, schema);
}

export interface ClusterOptions {
  /** Keep fsync and synchronous commit on (for throughput figures); off by default for fast tests. */
  durable?: boolean;
}

/** Start PostgreSQL as `postgresAvailability()` says; throws when that fails (a broken setup must not pass). */
export async function startPostgres(a: Extract<PgAvailability, { ok: true }>, opts: ClusterOptions = {}): Promise<PgServer> {
  if (a.how === 'url') {
    const url = a.url!;
    return { freshDatabase: () => makeSchema(url), dropDatabase: (u) => dropSchema(url, u), stop: async () => undefined, description: 'TEST_DATABASE_URL' };
  }
  const bin = a.bin!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'central-pg-'));
  const run = (cmd: string, args: string[]) => {
    const full = path.join(bin, cmd);
    if (a.runAs) execFileSync('runuser', ['-u', a.runAs, '--', full, ...args], { stdio: 'pipe' });
    else execFileSync(full, args, { stdio: 'pipe' });
  };
  if (a.runAs) {
    const uid = Number(execFileSync('id', ['-u', a.runAs]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', a.runAs]).toString().trim());
    fs.chownSync(dir, uid, gid);
  }
  fs.chmodSync(dir, 0o700);
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-c', `port=${port}`, '-c', `unix_socket_directories=${dir}`, '-c', 'max_connections=200'];
  if (!opts.durable) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', settings.join(' '), '-w', '-t', '60', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  // A test process that dies must not leave a server behind.
  process.once('exit', () => {
    if (!stopped) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // nothing more to do while exiting
      }
    }
  });
  const pgCtl = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const full = path.join(bin, 'pg_ctl');
      const child = a.runAs ? spawn('runuser', ['-u', a.runAs, '--', full, ...args], { stdio: 'ignore' }) : spawn(full, args, { stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl ${args[args.length - 1]}: exit ${code}`))));
    });
  const restart = async (mode: 'fast' | 'immediate', downMs = 0) => {
    if (downMs <= 0) {
      // pg_ctl restart starts the server again with the options it was started with (postmaster.opts).
      await pgCtl(['-D', data, '-l', path.join(dir, 'log'), '-m', mode, '-w', '-t', '60', 'restart']);
      return;
    }
    await pgCtl(['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    await new Promise((r) => setTimeout(r, downMs));
    await pgCtl(['-D', data, '-l', path.join(dir, 'log'), '-o', settings.join(' '), '-w', '-t', '60', 'start']);
  };
  const terminateClients = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const r = await client.query(`SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`);
      return Number((r.rows[0] as { n: unknown }).n);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  return {
    freshDatabase: () => makeSchema(url),
    dropDatabase: (u) => dropSchema(url, u),
    stop,
    restart,
    terminateClients,
    description: `throwaway PostgreSQL cluster on 127.0.0.1:${port}`,
  };
}
