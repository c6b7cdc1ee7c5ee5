import { afterEach, beforeEach, expect, it } from 'vitest';
import { nowInstant } from '../../shared/time';
import { VISITS_SINCE } from '../../shared/sync/visits';
import { protocolString } from '../../shared/sync/version';
import type { Visit } from '../../shared/outreach/visits';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';

/**
 * Visit records of the mobile teams (issue 16, protocol 1.4), on both backends: each record is kept at its highest
 * version (a change of the 诉求's follow-up replaces it, an older one arriving late changes nothing), per station;
 * refused to a station speaking an older minor, to another station's code, and when the payload is not a visit.
 */
describeBackends('visit records ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  beforeEach(async () => {
    h = await Harness.create(backend);
    s = await h.enroll('TOWN01', '371002');
  });
  afterEach(() => h?.close());

  const visit = (over: Partial<Visit> = {}): Visit => ({
    id: h.newId(),
    version: 1,
    tripId: h.newId(),
    personId: h.newId(),
    household: '村民甲户',
    visitedAt: nowInstant(h.clock),
    brought: ['policy', 'medicine'],
    caseIds: [],
    note: null,
    demands: [{ id: h.newId(), kind: 'complaint', text: '村卫生室慢病药品经常缺货', state: 'open', owner: '镇医保办', followUp: null }],
    recordedBy: h.newId(),
    recordedByName: '服务队员',
    stationCode: 'TOWN01',
    createdAt: nowInstant(h.clock),
    updatedAt: nowInstant(h.clock),
    ...over,
  });
  const payload = (v: Visit) => ({ visit: v, person: { idNumber: '11010519491231002X', name: '村民甲' } });

  it('keeps each record at its highest version, in one push with several versions of it', async () => {
    const v1 = visit();
    const v2 = { ...v1, version: 2, demands: [{ ...v1.demands[0]!, state: 'in_progress' as const, followUp: '已联系县医保局协调配送' }] };
    const other = visit({ household: null, demands: [] });
    const res = await s.pushOk([s.op('visit.recorded', null, payload(v1), null), s.op('visit.recorded', null, payload(v2), null), s.op('visit.recorded', null, payload(other), null), s.op('visit.recorded', null, payload(v1), null)]);
    expect(res.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    const rows = await h.store.frontPage(s.id, 'visit', '', 10);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(rows).toHaveLength(2);
    expect(byKey.get(v1.id)!.version).toBe(2);
    expect((byKey.get(v1.id)!.body as { visit: Visit }).visit.demands[0]!.state).toBe('in_progress');
    expect((byKey.get(other.id)!.body as { person: { name: string } }).person.name).toBe('村民甲');
    // Another station's records are its own.
    const t2 = await h.enroll('TOWN02', '371002');
    expect(await h.store.frontPage(t2.id, 'visit', '', 10)).toEqual([]);
  });

  it('refuses an older minor, another station’s record and a payload that is not a visit (naming the field); the queue goes on', async () => {
    const old = await s.pushOk([s.op('visit.recorded', null, payload(visit()), null)], protocolString(VISITS_SINCE - 1));
    expect(old.results[0]).toMatchObject({ status: 'rejected', code: 'unsupported-op-kind' });
    const res = await s.pushOk([
      s.op('visit.recorded', null, payload(visit({ stationCode: 'TOWN99' })), null),
      s.op('visit.recorded', null, { ...payload(visit()), visit: { ...visit(), brought: ['gifts'] } }, null),
      s.op('visit.recorded', null, payload(visit()), 2),
      s.op('visit.recorded', null, payload(visit()), null),
    ]);
    expect(res.results.map((x) => [x.status, 'code' in x ? x.code : null])).toEqual([
      ['rejected', 'station-mismatch'],
      ['rejected', 'invalid-payload'],
      ['rejected', 'invalid-payload'],
      ['applied', null],
    ]);
    expect(res.results[1]).toMatchObject({ field: 'payload.visit.brought.0' });
    expect(await h.store.frontPage(s.id, 'visit', '', 10)).toHaveLength(1);
  });
});
