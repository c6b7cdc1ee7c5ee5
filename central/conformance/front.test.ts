import { afterEach, beforeEach, expect, it } from 'vitest';
import { nowInstant, today } from '../../shared/time';
import { PullResponseSchema, SnapshotResponseSchema } from '../../shared/sync/pull';
import { FRONT_SINCE, type FollowUpData, type RatingData } from '../../shared/sync/front';
import { protocolString } from '../../shared/sync/version';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';

/**
 * The front office's ops (issue 15, protocol 1.3), on both backends: a station's day of ticket figures, its 好差评
 * ratings and the follow-ups of bad ones are stored at their highest version, answered in the station's own pull
 * and snapshot (never another station's), refused to a station speaking an older minor, and checked like any op.
 */
describeBackends('front office ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  beforeEach(async () => {
    h = await Harness.create(backend);
    s = await h.enroll('TOWN01', '371002');
  });
  afterEach(() => h?.close());

  const rating = (over: Partial<RatingData> = {}): RatingData => ({
    id: h.newId(),
    subject: 'ticket',
    ticketNumber: 'A003',
    caseIds: [],
    caseNos: ['QS01-20261123-0001'],
    day: today(h.clock),
    windowNo: 1,
    clerkId: 'clerk-1',
    clerkName: '李敏',
    level: 1,
    reasons: ['attitude', 'efficiency'],
    comment: '等候时间太长',
    rater: 'self',
    at: nowInstant(h.clock),
    version: 1,
    ...over,
  });
  const followUp = (ratingId: string, over: Partial<FollowUpData> = {}): FollowUpData => ({
    id: h.newId(),
    ratingId,
    status: 'open',
    openedOn: today(h.clock),
    visitDue: '2026-11-24',
    rectifyDue: '2026-12-14',
    visitAt: null,
    visitByName: null,
    visitNote: null,
    rectifyAt: null,
    rectifyByName: null,
    rectifyNote: null,
    appealAt: null,
    appealText: null,
    appealOutcome: null,
    appealNote: null,
    appealDecidedAt: null,
    version: 1,
    updatedAt: nowInstant(h.clock),
    ...over,
  });
  const day = (version: number, issued: number) => ({
    day: today(h.clock),
    version,
    categories: [{ code: 'enrollment', letter: 'A', name: '参保登记', issued, served: issued - 1, skipped: 1, priority: 1, appointments: 0 }],
    windows: [{ windowNo: 1, calls: issued, served: issued - 1, waitMedianSec: 300, waitP90Sec: 900, serviceMedianSec: 240, serviceP90Sec: 600 }],
    waitMedianSec: 300,
    waitP90Sec: 900,
  });

  it('stores ratings, follow-ups and day figures at their highest version, in one push with several versions of one record', async () => {
    const r = rating();
    const f1 = followUp(r.id);
    const f2 = { ...f1, status: 'visited' as const, visitAt: nowInstant(h.clock), visitByName: '张站长', visitNote: '电话回访', version: 2 };
    const res = await s.pushOk([
      s.op('front.day', null, day(1, 10), null),
      s.op('front.rating', null, { rating: r }, null),
      s.op('front.followup', null, { followUp: f1 }, null),
      s.op('front.followup', null, { followUp: f2 }, null),
      s.op('front.day', null, day(2, 12), null),
      // An older version arriving late changes nothing.
      s.op('front.followup', null, { followUp: f1 }, null),
    ]);
    expect(res.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied']);
    const store = h.store;
    expect((await store.frontPage(s.id, 'rating', '', 10)).map((x) => [x.key, x.version, (x.body as RatingData).level])).toEqual([[r.id, 1, 1]]);
    expect((await store.frontPage(s.id, 'followup', '', 10)).map((x) => [x.version, (x.body as FollowUpData).status])).toEqual([[2, 'visited']]);
    const days = await store.frontPage(s.id, 'day', '', 10);
    expect(days.map((x) => [x.key, x.version, (x.body as { categories: { issued: number }[] }).categories[0]!.issued])).toEqual([[today(h.clock), 2, 12]]);
  });

  it('answers them in the station’s pull and snapshot, not another station’s', async () => {
    const other = await h.enroll('TOWN02', '371002');
    const r = rating();
    const f = followUp(r.id);
    await s.pushOk([s.op('front.rating', null, { rating: r }, null), s.op('front.followup', null, { followUp: f }, null)]);
    const mine = await s.pullAll();
    expect(mine.changes.filter((c) => c.kind.startsWith('front.')).map((c) => [c.kind, (c.data as { id: string }).id])).toEqual([
      ['front.rating', r.id],
      ['front.followup', f.id],
    ]);
    const theirs = await other.pullAll();
    expect(theirs.changes.filter((c) => c.kind.startsWith('front.'))).toEqual([]);

    const snap = SnapshotResponseSchema.parse((await h.inject({ method: 'GET', url: `/v1/sync/snapshot?protocol=${protocolString(FRONT_SINCE)}&limit=500`, headers: s.headers })).body);
    expect(snap.items.filter((i) => i.kind.startsWith('front.')).map((i) => i.kind)).toEqual(['front.rating', 'front.followup']);

    // A station speaking 1.2 gets none of these kinds.
    const old = PullResponseSchema.parse((await h.inject({ method: 'GET', url: `/v1/sync/pull?cursor=0&protocol=${protocolString(FRONT_SINCE - 1)}`, headers: s.headers })).body);
    expect(old.changes.filter((c) => c.kind.startsWith('front.'))).toEqual([]);
  });

  it('refuses the ops to a station speaking an older minor, and a payload that is not one (naming the field); the queue goes on', async () => {
    const res = await s.pushOk([s.op('front.rating', null, { rating: rating() }, null)], protocolString(FRONT_SINCE - 1));
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'unsupported-op-kind' });
    const bad = await s.pushOk([
      s.op('front.rating', null, { rating: { ...rating(), level: 7 } }, null),
      s.op('front.rating', null, { rating: rating() }, 3),
      s.op('front.day', null, { ...day(1, 3), day: '2999-01-01' }, null),
      s.op('front.followup', null, { followUp: followUp(h.newId()) }, null),
    ]);
    expect(bad.results.map((x) => [x.status, 'code' in x ? x.code : null])).toEqual([
      ['rejected', 'invalid-payload'],
      ['rejected', 'invalid-payload'],
      ['rejected', 'invalid-payload'],
      ['applied', null],
    ]);
    expect(bad.results[0]).toMatchObject({ field: 'payload.rating.level' });
    expect(await h.store.frontPage(s.id, 'rating', '', 10)).toEqual([]);
  });
});
