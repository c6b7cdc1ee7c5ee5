import { afterEach, beforeEach, expect, it } from 'vitest';
import { nowInstant } from '../../shared/time';
import type { CentralCaseState } from '../../shared/sync/changes';
import type { CaseRow, ClaimRow, OpCommit, PersonRow } from '../store/types';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';
import { INPATIENT_RONGQUE, INPATIENT_ALL, inpatientForm, windowPerson } from '../testing/fixtures';

describeBackends('store guards and concurrent changes ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  beforeEach(async () => {
    h = await Harness.create(backend);
    s = await h.enroll('TOWN01');
  });
  afterEach(() => h?.close());

  const bare = (seq: number, extra: Partial<OpCommit> = {}): OpCommit => ({
    stationId: s.id,
    seq,
    op: null,
    caseWrite: null,
    persons: [],
    claims: [],
    releaseClaims: [],
    changes: [{ kind: 'op.result', stationId: s.id, regionCode: null, at: nowInstant(h.clock), since: 0, data: { seq } }],
    ...extra,
  });

  async function commit(commits: OpCommit[]) {
    const b = await h.store.openCommitBatch(s.id);
    for (const c of commits) b.add(c);
    const { durable, ...outcome } = await b.finish();
    await durable;
    return outcome;
  }

  // A failed guard ends the batch. What is committed is a prefix of it — SQLite keeps the ops before the failing
  // one (a savepoint per op), PostgreSQL may roll back the failing op's whole chunk — and whatever that prefix is,
  // lastSeq and the change log agree with it: the push decides the rest again from there.
  it('commits in order, and stops at a broken lastSeq chain with a consistent prefix applied', async () => {
    expect(await commit([bare(1), bare(2)])).toEqual({ committed: 2, failure: null });
    const out = await commit([bare(3), bare(5), bare(6)]);
    expect(out.failure).toBe('seq');
    expect(out.committed).toBeLessThanOrEqual(1);
    expect((await h.store.stationById(s.id))?.lastSeq).toBe(2 + out.committed);
    // Exactly the committed ops left change-log rows.
    const rows = await h.store.pullChanges({ stationId: s.id, regionCode: '371002', after: 0, limit: 100, maxSince: 0 });
    expect(rows.map((r) => (JSON.parse(r.data) as { seq: number }).seq)).toEqual([1, 2, 3].slice(0, 2 + out.committed));
    // The chain goes on from there.
    expect(await commit([bare(3 + out.committed)])).toEqual({ committed: 1, failure: null });
  });

  it('a claim held by another case rolls back the op that takes it, and what follows', async () => {
    const claim = (caseId: string): ClaimRow => ({ key: 'invoice:X1', kind: 'invoice', caseId, caseNo: 'N', stationId: s.id, stationCode: s.code, createdAt: nowInstant(h.clock) });
    const holder = h.newId();
    expect(await commit([bare(1, { claims: [claim(holder)] })])).toEqual({ committed: 1, failure: null });
    const out = await commit([bare(2), bare(3, { claims: [claim(h.newId())] }), bare(4)]);
    expect(out.failure).toBe('claim');
    expect(out.committed).toBeLessThanOrEqual(1);
    expect((await h.store.stationById(s.id))?.lastSeq).toBe(1 + out.committed);
    expect((await h.store.claimsByKeys(['invoice:X1'])).map((k) => k.caseId)).toEqual([holder]);
  });

  it('applies two writes of one case, its claims and one person within a batch in their order', async () => {
    const at = nowInstant(h.clock);
    const p = windowPerson(h.newId(), 7, at);
    const personRow = (version: number, name: string): PersonRow => ({
      id: p.id, idNumber: p.idNumber, name, regionCode: '371002', source: 'window', stationId: s.id, body: { ...p, name }, hash: `h${version}`, version, removed: false, updatedAt: at,
    });
    const c = s.newCase('inpatient_reimbursement', 'reimbursement', p.id, inpatientForm(), INPATIENT_ALL);
    const row = (stationVersion: number, centralVersion: number): CaseRow => ({
      id: c.id, stationId: s.id, stationCode: s.code, caseNo: c.caseNo, itemCode: c.itemCode, family: c.family, regionCode: '371002',
      personId: p.id, personIdNumber: p.idNumber, personName: p.name, status: 'submitted', materialsPending: false, stationVersion,
      centralVersion, submittedAt: at, decidedAt: null, decidedBy: null, note: null, reason: null, payoutFen: null, attachments: [],
      snapshot: { ...c, version: stationVersion }, updatedAt: at,
    });
    const claim = (key: string): ClaimRow => ({ key, kind: 'invoice', caseId: c.id, caseNo: c.caseNo, stationId: s.id, stationCode: s.code, createdAt: at });
    const out = await commit([
      bare(1, { persons: [personRow(1, '甲')] }),
      bare(2, { caseWrite: { row: row(1, 1), expectCentralVersion: null, expectStationVersion: null }, claims: [claim('invoice:A')] }),
      bare(3, { persons: [personRow(2, '乙')] }),
      bare(4, { caseWrite: { row: row(2, 2), expectCentralVersion: 1, expectStationVersion: 1 }, releaseClaims: ['invoice:A'], claims: [claim('invoice:B')] }),
    ]);
    expect(out).toEqual({ committed: 4, failure: null });
    const stored = await h.store.caseById(c.id);
    expect([stored?.stationVersion, stored?.centralVersion]).toEqual([2, 2]);
    expect((await h.store.claimsOfCases([c.id])).map((k) => k.key)).toEqual(['invoice:B']);
    const state = await h.store.loadPushState({ stationId: s.id, seqs: [], opIds: [], caseIds: [], personIds: [p.id], idNumbers: [], sha256s: [] });
    expect(state.persons.map((x) => [x.name, x.version])).toEqual([['乙', 2]]);
  });

  it('writes each row as given, whether or not it shares the batch\'s station and instant', async () => {
    const at = nowInstant(h.clock);
    const later = '2026-05-20T09:00:07.250+08:00';
    const p = windowPerson(h.newId(), 8, at);
    const draft = s.newCase('inpatient_reimbursement', 'reimbursement', p.id, inpatientForm(['FP-ROW-1']), INPATIENT_ALL);
    const submitted = s.newCase('inpatient_reimbursement', 'reimbursement', p.id, inpatientForm(['FP-ROW-2']), INPATIENT_ALL);
    const row = (c: typeof draft, o: Partial<CaseRow>): CaseRow => ({
      id: c.id, stationId: s.id, stationCode: s.code, caseNo: c.caseNo, itemCode: c.itemCode, family: c.family, regionCode: '371002',
      personId: p.id, personIdNumber: p.idNumber, personName: p.name, status: 'draft', materialsPending: false, stationVersion: 1,
      centralVersion: 1, submittedAt: null, decidedAt: null, decidedBy: null, note: null, reason: null, payoutFen: null, attachments: [],
      snapshot: c, updatedAt: at, ...o,
    });
    const rows = [
      // a draft: never submitted (null where the batch's instant would do), updated at the batch's instant
      row(draft, {}),
      // submitted at another instant than the batch's, updated at it; a note, a decider and attachments
      row(submitted, { status: 'submitted', submittedAt: later, decidedBy: '中心系统', note: '备注', attachments: [{ sha256: 'a'.repeat(64), size: 3, mime: 'image/jpeg', materialCode: 'receipts' }] }),
    ];
    const claim: ClaimRow = { key: 'invoice:FP-ROW-2', kind: 'invoice', caseId: submitted.id, caseNo: submitted.caseNo, stationId: s.id, stationCode: s.code, createdAt: later };
    const op = (seq: number, caseId: string, receivedAt: string) => ({
      stationId: s.id, seq, opId: h.newId(), kind: 'case.created', caseId, baseVersion: null, result: 'applied' as const, code: null, message: null, payload: {}, createdAt: at, receivedAt,
    });
    const out = await commit([
      bare(1, { op: op(1, draft.id, at), caseWrite: { row: rows[0]!, expectCentralVersion: null, expectStationVersion: null } }),
      bare(2, {
        op: op(2, submitted.id, later),
        caseWrite: { row: rows[1]!, expectCentralVersion: null, expectStationVersion: null },
        claims: [claim],
        changes: [{ kind: 'op.result', stationId: s.id, regionCode: null, at: later, since: 0, data: { seq: 2 } }],
      }),
    ]);
    expect(out).toEqual({ committed: 2, failure: null });
    expect(await h.store.caseById(draft.id)).toEqual(rows[0]);
    expect(await h.store.caseById(submitted.id)).toEqual(rows[1]);
    expect(await h.store.claimsOfCases([submitted.id])).toEqual([claim]);
    const changes = await h.store.pullChanges({ stationId: s.id, regionCode: '371002', after: 0, limit: 100, maxSince: 99 });
    expect(changes.filter((c) => c.kind === 'op.result').map((c) => [c.at, JSON.parse(c.data) as unknown])).toEqual([
      [at, { seq: 1 }],
      [later, { seq: 2 }],
    ]);
  });

  it('an empty batch commits nothing', async () => {
    expect(await commit([])).toEqual({ committed: 0, failure: null });
  });

  /** A 容缺 case at central, and a hook that returns it from the back office while the next push is decided. */
  async function caseReturnedMidPush() {
    const person = windowPerson(h.newId(), 1, nowInstant(h.clock));
    const c = s.newCase('inpatient_reimbursement', 'reimbursement', person.id, inpatientForm(), INPATIENT_RONGQUE);
    const rq = s.next(c, { status: 'awaiting_materials', promiseDate: '2026-05-27' });
    await s.pushOk([s.op('person.registered', null, { person }, null), s.caseOp('case.created', null, c), s.caseOp('case.accept_rongque', c, rq)]);
    const open = h.store.openCommitBatch.bind(h.store);
    const race = { done: false };
    h.store.openCommitBatch = async (stationId) => {
      if (!race.done) {
        race.done = true;
        const r = await h.admin('POST', `/v1/admin/cases/${c.id}/return`, { note: '发票模糊，请重新扫描' });
        expect(r.status).toBe(200);
      }
      return open(stationId);
    };
    const done = s.next(rq, { status: 'accepted', materials: INPATIENT_ALL.map((code) => ({ code, received: true, receivedAt: nowInstant(h.clock) })) });
    return { c, person, race, completeOp: () => s.caseOp('case.complete_materials', rq, done) };
  }

  it('a push that meets a reviewer\'s decision made meanwhile decides again on the fresh state', async () => {
    const { c, race, completeOp } = await caseReturnedMidPush();
    const res = await s.pushOk([completeOp()]);
    expect(race.done).toBe(true);
    // Decided on the state before the return it would have applied; decided again it is refused.
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'illegal-transition' });
    expect(res.lastSeq).toBe(4);
    const row = await h.store.caseById(c.id);
    expect(row?.status).toBe('returned');
    const statuses = (await s.pullAll()).changes.filter((x) => x.kind === 'case.status').map((x) => (x.data as CentralCaseState).status);
    expect(statuses).toEqual(['submitted', 'returned']);
  });

  it('ops decided before the one that met the reviewer\'s decision are applied once', async () => {
    const { person, race, completeOp } = await caseReturnedMidPush();
    const y = s.newCase('inpatient_reimbursement', 'reimbursement', person.id, inpatientForm(), INPATIENT_ALL);
    const created = s.caseOp('case.created', null, y);
    const res = await s.pushOk([created, completeOp()]);
    expect(race.done).toBe(true);
    expect(res.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    expect(res.lastSeq).toBe(5);
    expect((await h.store.caseById(y.id))?.centralVersion).toBe(1);
    const state = await h.store.loadPushState({ stationId: s.id, seqs: [4, 5], opIds: [created.opId], caseIds: [], personIds: [], idNumbers: [], sha256s: [] });
    expect([...state.opsBySeq].map(([seq, o]) => [seq, o.result])).toEqual([[4, 'applied'], [5, 'rejected']]);
    expect(state.opsById.get(created.opId)?.seq).toBe(4);
  });
});
