import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import type { AuditReportRequest, AuditReportResponse } from '../../shared/sync/audit';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';

/**
 * The station's audit head at central (shared/sync/audit): central keeps the head each station last reported; a
 * report must extend it. A log truncated, or rewritten with its hashes recomputed, flags the station, on both
 * backends.
 */
const h64 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A station's log as central sees it through reports: row seq → hash. */
class Log {
  readonly hashes: string[] = ['0'.repeat(64)];
  append(n: number, salt = ''): void {
    for (let i = 0; i < n; i++) this.hashes.push(h64(`${this.hashes.length}:${salt}:${this.hashes[this.hashes.length - 1]}`));
  }
  get head() {
    return { seq: this.hashes.length - 1, hash: this.hashes[this.hashes.length - 1]! };
  }
  at(seq: number): string | null {
    return this.hashes[seq] ?? null;
  }
}

describeBackends('station audit heads ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  let acked: number | null;
  beforeEach(async () => {
    h = await Harness.create(backend);
    s = await h.enroll('TOWN01');
    acked = null;
  });
  afterEach(() => h?.close());

  async function report(log: Log, extra: Partial<AuditReportRequest> = {}): Promise<AuditReportResponse> {
    const body: AuditReportRequest = {
      protocol: PROTOCOL_VERSION,
      stationId: s.id,
      head: log.head,
      anchor: acked === null ? null : { seq: acked, hash: log.at(acked) },
      breaks: [],
      ...extra,
    };
    const r = await h.inject<AuditReportResponse>({ method: 'POST', url: '/v1/sync/audit', headers: s.headers, payload: body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    acked = r.body.acknowledged.seq;
    return r.body;
  }

  it('keeps the head; a log that grows extends it, report after report', async () => {
    const log = new Log();
    log.append(5);
    expect(await report(log)).toEqual({ acknowledged: log.head, flagged: false, reason: null });
    log.append(3);
    expect(await report(log)).toEqual({ acknowledged: log.head, flagged: false, reason: null });
    expect(await report(log)).toMatchObject({ flagged: false });
    expect(await h.store.auditHead(s.id)).toMatchObject({ seq: 8, hash: log.head.hash, flaggedAt: null });
    expect(await h.store.auditEvents(s.id)).toEqual([]);
  });

  it('flags a deleted tail: the row central kept is gone, or the head went back', async () => {
    const log = new Log();
    log.append(10);
    await report(log);
    log.hashes.length = 6;
    expect(await report(log)).toMatchObject({ flagged: true, reason: 'truncated' });
    // The flag stays; the head kept moves on, and honest reports extend it.
    log.append(2);
    expect(await report(log)).toMatchObject({ flagged: true, reason: 'truncated', acknowledged: log.head });
    const events = await h.store.auditEvents(s.id);
    expect(events.map((e) => e.kind)).toEqual(['flagged']);
  });

  it('flags a log rewritten with its hashes recomputed, and the tail deleted then written again past the kept head', async () => {
    const log = new Log();
    log.append(10);
    await report(log);
    // Rows 4.. changed and the chain recomputed: the row at the kept seq has another hash.
    const rewritten = new Log();
    rewritten.append(3);
    rewritten.append(9, 'forged');
    expect(await report(rewritten)).toMatchObject({ flagged: true, reason: 'rewritten' });

    const other = await h.enroll('TOWN02');
    s = other;
    acked = null;
    const log2 = new Log();
    log2.append(10);
    await report(log2);
    // The last rows deleted and new ones written past seq 10: seq 10 now names another row.
    log2.hashes.length = 8;
    log2.append(5, 'new');
    expect(await report(log2)).toMatchObject({ flagged: true, reason: 'rewritten' });
  });

  it('flags a report that does not anchor at the kept head (a station that forgot it), and breaks the station found', async () => {
    const log = new Log();
    log.append(4);
    await report(log);
    log.append(1);
    expect(await report(log, { anchor: null })).toMatchObject({ flagged: true, reason: 'anchor-missing' });

    s = await h.enroll('TOWN03');
    acked = null;
    const log3 = new Log();
    log3.append(2);
    const r = await report(log3, { breaks: [{ detectedAt: '2026-11-23T09:00:00.000+08:00', seq: 2, kind: 'row_changed' }] });
    expect(r).toMatchObject({ flagged: true, reason: 'break-reported' });
    expect((await h.store.auditEvents(s.id)).map((e) => e.kind)).toEqual(['break_reported', 'flagged']);
  });

  describe('refusals', () => {
    it('refuses another station’s id, a malformed head, and no credential', async () => {
      const log = new Log();
      log.append(1);
      const body = { protocol: PROTOCOL_VERSION, stationId: s.id, head: log.head, anchor: null, breaks: [] };
      const other = await h.enroll('TOWN09');
      expect((await h.inject({ method: 'POST', url: '/v1/sync/audit', headers: other.headers, payload: body })).status).toBe(403);
      expect((await h.inject({ method: 'POST', url: '/v1/sync/audit', headers: s.headers, payload: { ...body, head: { seq: 1, hash: 'x' } } })).status).toBe(400);
      expect((await h.inject({ method: 'POST', url: '/v1/sync/audit', payload: body })).status).toBe(401);
      expect(await h.store.auditHead(s.id)).toBeNull();
    });
  });
});
