import { DEFAULT_POLICY_TABLES, type PolicyTableOf } from '../../shared/policy';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { nowInstant } from '../../shared/time';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import { SyncErrorSchema } from '../../shared/sync/errors';
import { PullResponseSchema, SnapshotResponseSchema, type SnapshotResponse } from '../../shared/sync/pull';
import type { Change } from '../../shared/sync/changes';
import { DEFAULT_CATALOG } from '../../shared/catalog/default-catalog';
import { OFFICIAL_CALENDAR_YEARS } from '../../shared/calendar';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';
import { enrollmentForm, rosterRow, windowPerson } from '../testing/fixtures';

/** The sample contribution table moved to region 371002: the body is the whole table (shared/policy). */
const SAMPLE = DEFAULT_POLICY_TABLES.find((t): t is PolicyTableOf<'contribution'> => t.kind === 'contribution' && t.effectiveTo === null)!;
const RULES = { ...SAMPLE, regionCode: '371002', sample: false };
const POLICY = {
  id: 'resident-contribution-2025',
  kind: RULES.kind,
  regionCode: '371002',
  effectiveFrom: RULES.effectiveFrom,
  effectiveTo: null,
  body: RULES as unknown as Record<string, unknown>,
};

describeBackends('pull ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  beforeEach(async () => {
    h = await Harness.create(backend);
    s = await h.enroll('TOWN01', '371002');
  });
  afterEach(() => h?.close());

  async function submitOne(st: TestStation, n: number) {
    const person = windowPerson(h.newId(), n, nowInstant(h.clock));
    const c = st.newCase('resident_enrollment', 'enrollment', person.id, enrollmentForm(), ['valid_id']);
    await st.pushOk([st.op('person.registered', null, { person }, null), st.caseOp('case.created', null, c), st.caseOp('case.accept', c, st.next(c, { status: 'accepted' }))]);
    return c;
  }

  async function publishAll() {
    expect((await h.admin('POST', '/v1/admin/publish/calendar', { years: OFFICIAL_CALENDAR_YEARS })).status).toBe(200);
    expect((await h.admin('POST', '/v1/admin/publish/catalog', { regionCode: '371002', items: DEFAULT_CATALOG.slice(0, 3) })).status).toBe(200);
    expect((await h.admin('POST', '/v1/admin/publish/catalog', { regionCode: '440300', items: DEFAULT_CATALOG.slice(0, 2) })).status).toBe(200);
    expect((await h.admin('POST', '/v1/admin/publish/policy', { regionCode: '371002', tables: [POLICY] })).status).toBe(200);
    expect((await h.admin('POST', '/v1/admin/publish/roster', { regionCode: '371002', rows: [rosterRow(1), rosterRow(2)] })).status).toBe(200);
  }

  it('pages through its own changes and its region\'s reference data, in order', async () => {
    const other = await h.enroll('TOWN02', '371002');
    const mine = await submitOne(s, 1);
    await submitOne(other, 2);
    await publishAll();

    const seen: Change[] = [];
    let cursor = '0';
    let pages = 0;
    for (;;) {
      const r = await s.pull(cursor, 4);
      expect(r.status).toBe(200);
      const page = PullResponseSchema.parse(r.body);
      expect(page.changes.length).toBeLessThanOrEqual(4);
      seen.push(...page.changes);
      pages += 1;
      if (page.changes.length > 0) expect(page.nextCursor).toBe(page.changes[page.changes.length - 1]!.id);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    const ids = seen.map((c) => Number(c.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBe(Math.max(1, Math.ceil(seen.length / 4)));

    const kinds = (k: string) => seen.filter((c) => c.kind === k);
    // An op result for the two ops that changed no central status (person.registered, case.created); the
    // accept is in the feed as its case.status (the pushing station had its answer).
    expect(kinds('op.result').map((c) => (c.data as { kind: string }).kind)).toEqual(['person.registered', 'case.created']);
    const status = kinds('case.status');
    expect(status).toHaveLength(1);
    expect(status[0]!.data).toMatchObject({ caseId: mine.id, status: 'submitted', materialsPending: false });
    expect(kinds('calendar.year')).toHaveLength(OFFICIAL_CALENDAR_YEARS.length);
    // Only this region's catalog, not 440300's.
    expect(kinds('catalog.item').map((c) => (c.data as { regionCode: string }).regionCode)).toEqual(['371002', '371002', '371002']);
    expect(kinds('policy.table')).toHaveLength(1);
    expect((kinds('policy.table')[0]!.data as { table: { version: number } }).table.version).toBe(1);
    expect(kinds('roster.person')).toHaveLength(2);

    // Caught up: an empty page at the same cursor.
    const end = PullResponseSchema.parse((await s.pull(cursor)).body);
    expect(end).toEqual({ changes: [], nextCursor: cursor, hasMore: false });

    // Publishing the same data again changes nothing; a changed table gets version 2.
    await publishAll();
    expect(PullResponseSchema.parse((await s.pull(cursor)).body).changes).toEqual([]);
    await h.admin('POST', '/v1/admin/publish/policy', { regionCode: '371002', tables: [{ ...POLICY, body: { ...RULES, body: { ...RULES.body, amountsFen: { ...RULES.body.amountsFen, tier1: 46_000 } } } }] });
    const next = PullResponseSchema.parse((await s.pull(cursor)).body);
    expect(next.changes).toHaveLength(1);
    expect((next.changes[0]!.data as { table: { version: number } }).table.version).toBe(2);
  });

  it('does not show other stations their neighbours\' cases', async () => {
    const other = await h.enroll('TOWN02', '371002');
    await submitOne(s, 1);
    const theirs = await other.pullAll();
    expect(theirs.changes).toEqual([]);
  });

  it('validates the query', async () => {
    expect((await h.inject({ method: 'GET', url: '/v1/sync/pull?limit=5000', headers: s.headers })).status).toBe(400);
    const bad = await h.inject({ method: 'GET', url: '/v1/sync/pull?cursor=abc', headers: s.headers });
    expect(bad.status).toBe(400);
    expect(SyncErrorSchema.parse(bad.body).field).toBe('cursor');
    expect((await h.inject({ method: 'GET', url: '/v1/sync/pull?bogus=1', headers: s.headers })).status).toBe(400);
  });

  it('answers 410 reset-required once the cursor is older than what central keeps; a snapshot resyncs', async () => {
    await publishAll();
    const caseA = await submitOne(s, 1);
    const old = await s.pullAll('0', 100);
    expect(old.changes.length).toBeGreaterThan(5);

    // More changes arrive, then retention drops all but the last 3.
    await submitOne(s, 2);
    await h.admin('POST', '/v1/admin/publish/roster', { regionCode: '371002', rows: [rosterRow(3)], removed: [rosterRow(1).idNumber] });
    const pruned = await h.admin<{ deleted: number; floor: string }>('POST', '/v1/admin/changes/prune', {});
    expect(pruned.status).toBe(200);
    // The harness keeps 180 days by default; force the count instead.
    const { pruneChanges } = await import('../services/retention');
    const r = await pruneChanges(h.ctx, { keepChanges: 3, keepDays: null });
    expect(r.deleted).toBeGreaterThan(0);

    const gone = await s.pull(old.cursor);
    expect(gone.status).toBe(410);
    const e = SyncErrorSchema.parse(gone.body);
    expect(e.code).toBe('reset-required');
    expect(e.message).toMatch(/快照/);
    expect((await s.pull('0')).status).toBe(410);

    // Snapshot, page by page.
    const items: SnapshotResponse['items'] = [];
    let page: string | null = null;
    let resume: string | null = null;
    for (let i = 0; i < 100; i++) {
      const q = new URLSearchParams({ limit: '3', protocol: PROTOCOL_VERSION, ...(page ? { page } : {}) });
      const res = await h.inject({ method: 'GET', url: `/v1/sync/snapshot?${q}`, headers: s.headers });
      expect(res.status).toBe(200);
      const body = SnapshotResponseSchema.parse(res.body);
      resume ??= body.resumeCursor;
      expect(body.resumeCursor).toBe(resume);
      items.push(...body.items);
      page = body.nextPage;
      if (page === null) break;
    }
    const count = (k: string) => items.filter((i) => i.kind === k).length;
    expect(count('calendar.year')).toBe(OFFICIAL_CALENDAR_YEARS.length);
    expect(count('catalog.item')).toBe(3);
    expect(count('policy.table')).toBe(1);
    // The removed roster row is not in the snapshot; the new one is.
    const roster = items.filter((i) => i.kind === 'roster.person').map((i) => (i.data as { row: { idNumber: string } }).row.idNumber);
    expect(roster.sort()).toEqual([rosterRow(2).idNumber, rosterRow(3).idNumber].sort());
    const statuses = items.filter((i) => i.kind === 'case.status').map((i) => i.data as { caseId: string; status: string });
    expect(statuses).toHaveLength(2);
    expect(statuses.find((x) => x.caseId === caseA.id)?.status).toBe('submitted');

    // Pull continues from the snapshot's position.
    const after = await s.pull(resume!);
    expect(after.status).toBe(200);
    await h.admin('POST', `/v1/admin/cases/${caseA.id}/approve`, { note: '符合条件' });
    const more = await s.pullAll(resume!);
    expect(more.changes.some((c) => c.kind === 'case.status' && (c.data as { status: string }).status === 'approved')).toBe(true);
  });

  it('answers reset-required for a cursor central never handed out', async () => {
    await submitOne(s, 1);
    const r = await s.pull('999999');
    expect(r.status).toBe(410);
  });

  it('refuses a snapshot page token of another station', async () => {
    await publishAll();
    const first = SnapshotResponseSchema.parse((await h.inject({ method: 'GET', url: '/v1/sync/snapshot?limit=1', headers: s.headers })).body);
    expect(first.nextPage).not.toBeNull();
    const other = await h.enroll('TOWN02', '371002');
    const r = await h.inject({ method: 'GET', url: `/v1/sync/snapshot?page=${first.nextPage}`, headers: other.headers });
    expect(r.status).toBe(400);
  });
});
