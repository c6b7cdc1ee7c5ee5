import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../core/core';
import { createContext } from '../core/context';
import { loadReference } from '../core/reference/load';
import { Router } from '../core/router';
import { HANDLERS } from '../core/handlers';
import { openStore } from '../db/open';
import { isPlaintextSqlite } from '../db/cipher';
import { startIdleCheckpoints } from '../db/maintenance';
import { KeyFileProtector } from '../core/keys/protectors';
import { StationKeyring } from '../core/keys/station-keys';
import type { StationSecurity } from '../core/keys/security';
import { installSyncEngine } from '../core/features/sync/registry';
import { SyncMetaStore } from '../core/features/sync/meta';
import { initialize } from '../core/features/session/setup';
import { createUser } from '../core/features/session/users';
import { loadRoster } from '../core/features/persons/roster';
import { signedInSession } from '../core/testing/fixtures';
import { syntheticRoster } from '../core/testing/generate';
import { sampleFormOn, withOwnInvoices } from '../core/testing/seed';
import { materialsFor } from '../shared/cases/materials';
import { PROTOCOL_MINOR } from '../shared/sync/version';
import { today } from '../shared/time';
import { quantile, type Figure, type Suite } from './harness';

/**
 * The same core on a PLAINTEXT store (no data key): only this benchmark builds one, to compare against. Production
 * code has no way to open a store without its key.
 */
function plainCore(dir: string): Core {
  const dbPath = join(dir, 'station.sqlite');
  const db = openStore(dbPath);
  const security: StationSecurity = {
    dataDir: dir,
    dbPath,
    protector: new KeyFileProtector(join(dir, 'unused.key')),
    nativeBinding: undefined,
    keyring: new StationKeyring(randomBytes(32)),
    lock: null,
    weakUnconfirmed: false,
    reopen: () => {
      throw new Error('the plain benchmark core does not reopen');
    },
  };
  const ctx = createContext(db, { attachmentsDir: join(dir, 'attachments'), security });
  loadReference(ctx);
  const stop = startIdleCheckpoints(db);
  const sync = installSyncEngine(ctx, {});
  return {
    ctx,
    router: new Router(ctx, HANDLERS, { error: (m, d) => console.error(m, d) }),
    sync,
    close: () => {
      stop();
      db.close();
    },
  };
}

const PERSONS = Number(process.env.BENCH_OVERHEAD_PERSONS ?? 100_000);
const RUNS = 1_000;

/** Encrypted / plain, for the median and for the p95. */
function ratio(unit: string, enc: number[], plain: number[]): Figure {
  const e = [...enc].sort((a, b) => a - b);
  const p = [...plain].sort((a, b) => a - b);
  return { name: 'encryption-overhead', n: enc.length, median: quantile(e, 0.5) / quantile(p, 0.5), p95: quantile(e, 0.95) / quantile(p, 0.95), unit };
}

/**
 * `encryption-overhead`: the same station twice — its store encrypted (as deployed) and plaintext — with the same
 * roster, the intake and the pinyin-initials search measured on both in one run, interleaved (so disk and CPU drift
 * hit both alike). Two lines: unit `ratio-intake` and `ratio-initials`, median = encrypted median / plain median,
 * p95 = encrypted p95 / plain p95. Target ≤ 1.3.
 */
export const encryptionOverhead: Suite = {
  figures: ['encryption-overhead'],
  async run(report) {
    const encDir = mkdtempSync(join(tmpdir(), 'yibao-bench-enc-'));
    const plainDir = mkdtempSync(join(tmpdir(), 'yibao-bench-plain-'));
    const cores: Core[] = [];
    try {
      const stations = [];
      for (const core of [createCore({ dataDir: encDir, log: { error: (m, d) => console.error(m, d) } }), plainCore(plainDir)]) {
        cores.push(core);
        const ctx = core.ctx;
        const { user: admin } = await initialize(ctx, {
          station: { code: 'BENCH2', name: '基准测试站', regionCode: '371002' },
          supervisor: { username: 'admin', displayName: '站长', password: 'bench-password-1' },
        });
        const clerk = await createUser(ctx, admin, { username: 'clerk1', displayName: '李敏', role: 'clerk', password: 'bench-password-1' });
        new SyncMetaStore(ctx).setCentralMinor(PROTOCOL_MINOR);
        const loaded = await loadRoster(ctx, syntheticRoster(PERSONS, 42), { total: PERSONS, yieldBetweenChunks: false, chunkSize: 10_000 });
        if (!loaded.ok) throw new Error('roster refused');
        const personIds = ctx.db.prepare('SELECT id FROM persons WHERE rowid % 10 = 0 ORDER BY rowid').pluck().all() as string[];
        const names = ctx.db.prepare('SELECT name_initials FROM persons WHERE rowid % 97 = 0 ORDER BY rowid LIMIT 500').pluck().all() as string[];
        stations.push({ core, session: signedInSession(core, clerk), personIds, names });
      }
      if (isPlaintextSqlite(join(encDir, 'station.sqlite')) || !isPlaintextSqlite(join(plainDir, 'station.sqlite'))) throw new Error('the stores are not what they should be');
      const item = stations[0]!.core.ctx.catalog.get('outpatient_reimbursement')!;
      const form = sampleFormOn(item, today(stations[0]!.core.ctx.clock));
      const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);

      const intake: number[][] = [[], []];
      const initials: number[][] = [[], []];
      const time = async (fn: () => Promise<unknown> | unknown): Promise<number> => {
        const t0 = process.hrtime.bigint();
        await fn();
        return Number(process.hrtime.bigint() - t0) / 1e6;
      };
      for (let i = -50; i < RUNS; i++) {
        // Alternate which store goes first.
        for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
          const s = stations[k]!;
          const input = { itemCode: item.code, form: withOwnInvoices(form, `O${i + 50}`), materialsReceived: received, personId: s.personIds[(i + 50) % s.personIds.length]! };
          const a = await time(async () => {
            const r = await s.core.router.handle(s.session, 'cases.intake', input);
            if (!r.ok) throw new Error(r.error.message);
          });
          const q = s.names[(i + 50) % s.names.length]!;
          const b = await time(async () => {
            const r = await s.core.router.handle(s.session, 'persons.search', { q, limit: 20 });
            if (!r.ok || (r.value as unknown[]).length === 0) throw new Error('initials not found');
          });
          if (i >= 0) {
            intake[k]!.push(a);
            initials[k]!.push(b);
          }
        }
      }
      report(ratio('ratio-intake', intake[0]!, intake[1]!));
      report(ratio('ratio-initials', initials[0]!, initials[1]!));
      const med = (x: number[]) => quantile([...x].sort((p, q) => p - q), 0.5).toFixed(3);
      console.error(`(encryption-overhead: intake median ${med(intake[0]!)} ms encrypted, ${med(intake[1]!)} ms plain; initials ${med(initials[0]!)} / ${med(initials[1]!)} ms; ${PERSONS} persons)`);
    } finally {
      for (const c of cores) c.close();
      for (const d of [encDir, plainDir]) rmSync(d, { recursive: true, force: true });
      rmSync(`${encDir}-keys`, { recursive: true, force: true });
    }
  },
};
