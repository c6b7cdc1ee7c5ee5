import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopProcess } from '../core/testing/stop-process';
import { printedAddress } from '../core/testing/printed-address';
import { backOfficeOfProcess, type BackOfficeHttp } from '../central/testing/back-office';

/**
 * The reference central server as its own process (`node --import tsx central/cli.ts serve`), as it runs for
 * real: its own event loop and CPU, talking to the station over loopback. SQLite in a temp data directory, or
 * PostgreSQL when a database URL is given.
 */
export class CentralProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly dataDir: string,
    /** The back office, signed in as the named account each route needs. */
    readonly backOffice: BackOfficeHttp,
  ) {}

  /**
   * `env`: more of central's environment (e.g. CENTRAL_BLOB_DIR for processes that share attachments);
   * `backOffice`: a second process on the same database shares the first one's back office (its accounts exist).
   */
  static async start(
    o: { databaseUrl?: string; chunkMaxBytes?: number; nodeArgs?: string[]; env?: Record<string, string>; backOffice?: BackOfficeHttp } = {},
  ): Promise<CentralProcess> {
    const dataDir = mkdtempSync(join(tmpdir(), 'central-bench-'));
    const env = {
      ...process.env,
      CENTRAL_DATA_DIR: dataDir,
      CENTRAL_LOG_LEVEL: 'warn',
      ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : { DATABASE_URL: '' }),
      ...(o.chunkMaxBytes ? { CENTRAL_CHUNK_MAX_BYTES: String(o.chunkMaxBytes) } : {}),
      ...o.env,
    };
    const child = spawn(process.execPath, [...(o.nodeArgs ?? []), '--import', 'tsx', 'central/cli.ts', 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await printedAddress(child, /(http:\/\/127\.0\.0\.1:\d+)\/v1\/health/, 'central');
    return new CentralProcess(child, url, dataDir, o.backOffice ?? (await backOfficeOfProcess(url, env)));
  }

  /** The server's process id (for CPU accounting). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await this.backOffice.admin<T>(method, path, body);
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async issueCode(stationCode: string): Promise<string> {
    return (await this.admin<{ code: string }>('POST', `/v1/admin/stations/${stationCode}/codes`, { regionCode: '371002' })).code;
  }

  async stop(): Promise<void> {
    await stopProcess(this.child);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
