import { createHash, randomFillSync } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createUuidV7Generator } from '../../shared/ids';
import { epochFromInstant, nowInstant } from '../../shared/time';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import type { PushOp } from '../../shared/sync/ops';
import type { StationRow, Store } from '../store/types';
import { defaultConfig } from '../config';
import { createContext, type CentralContext } from '../services/context';
import { push } from '../services/push';
import { describeBackends, tempDir, type RawDb } from '../testing/backends';
import { TestClock, REGION } from '../testing/harness';
import { TestStation } from '../testing/station';
import { INPATIENT_ALL, inpatientForm, windowPerson } from '../testing/fixtures';

/**
 * Every op central takes is kept with its payload as the station sent it (the op ledger), whatever way the store
 * writes it: PostgreSQL sends a payload that carries the case's snapshot without it, and puts the two together.
 * Read back from the table, each payload is the op's own — applied, rejected, or carrying a snapshot central did
 * not store as it came.
 */
describeBackends('op payloads in the ledger ($name)', (backend) => {
  let db: RawDb;
  let store: Store;
  let ctx: CentralContext;
  let station: StationRow;
  let s: TestStation;
  beforeEach(async () => {
    db = await backend.openRaw();
    await db.migrate();
    store = await db.openStore();
    const clock = new TestClock(epochFromInstant('2026-05-20T09:00:00.000+08:00'));
    ctx = await createContext(store, defaultConfig({ dataDir: tempDir(), logLevel: 'silent', clock }));
    const newId = createUuidV7Generator(() => clock.now(), (b) => randomFillSync(b));
    const at = nowInstant(clock);
    station = { id: newId(), code: 'TOWN01', name: 'TOWN01', regionCode: REGION, state: 'active', credentialHash: null, lastSeq: 0, enrollFailures: 0, enrolledAt: at, revokedAt: null, lastSeenAt: null, createdAt: at };
    await store.insertStation(station);
    const host = { newId, clock, inject: () => Promise.reject(new Error('not over HTTP')) };
    s = new TestStation(host, { stationId: station.id, stationCode: station.code, stationName: station.name, regionCode: REGION, lastSeq: 0, credential: 'x', serverTime: at } as never);
  });
  afterEach(async () => {
    await store?.close();
    await db?.close();
  });

  it('keeps each op with the payload it came with', async () => {
    const scan = Buffer.from('scan');
    const sha256 = createHash('sha256').update(scan).digest('hex');
    await store.insertBlob({ sha256, size: scan.length, mime: 'image/jpeg', createdAt: nowInstant(ctx.clock) });
    const person = windowPerson(ctx.newId(), 7, nowInstant(ctx.clock));
    const draft = s.newCase('inpatient_reimbursement', 'reimbursement', person.id, inpatientForm(['FP-OPS-1']), INPATIENT_ALL);
    const accepted = s.next(draft, { status: 'accepted' });
    const other = s.newCase('inpatient_reimbursement', 'reimbursement', person.id, inpatientForm(['FP-OPS-2']), INPATIENT_ALL);
    const bad = s.newCase('inpatient_reimbursement', 'reimbursement', person.id, { ...inpatientForm(['FP-OPS-3']), dischargeDate: '2026-04-01' }, INPATIENT_ALL);
    const ops: PushOp[] = [
      s.op('person.registered', null, { person }, null),
      // one-step intake with a scan: the stored snapshot is the payload's case
      s.caseOp('case.accept', null, accepted, { attachments: [{ sha256, size: scan.length, mime: 'image/jpeg', materialCode: 'receipts', fileName: '票据.jpg' }] }),
      // informative on a submitted case: central stores its own snapshot with the new version, not the payload's
      s.caseOp('case.estimate_saved', accepted, s.next(accepted, {}), { reason: '测算' }),
      // a draft, with the keys of its payload in another order
      s.op('case.created', other.id, { event: 'created', reason: null, case: other }, null),
      // refused (discharge before admission): kept as it came
      s.caseOp('case.accept', null, s.next(bad, { status: 'accepted' })),
    ];
    const r = await push(ctx, station, { protocol: PROTOCOL_VERSION, stationId: station.id, ops } as never, 4);
    expect(r.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'rejected']);
    const rows = await db.all<{ seq: unknown; payload: string }>('SELECT seq, payload FROM ops WHERE station_id = ? ORDER BY seq', [station.id]);
    expect(rows.map((x) => Number(x.seq))).toEqual(ops.map((o) => o.seq));
    for (const [i, row] of rows.entries()) expect(JSON.parse(row.payload), `seq ${ops[i]!.seq}`).toEqual(ops[i]!.payload);
  });
});
