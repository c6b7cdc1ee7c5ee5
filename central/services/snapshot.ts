import { z } from 'zod';
import { CHANGE_KIND_SINCE, type ChangeKind, type SnapshotItem } from '../../shared/sync/changes';
import type { SnapshotQuery, SnapshotResponse } from '../../shared/sync/pull';
import { SYNC_LIMITS } from '../../shared/sync/common';
import { nowInstant } from '../../shared/time';
import type { StationRow } from '../store/types';
import { caseStatusChange } from '../apply/changes';
import type { CentralContext } from './context';
import { fail } from './errors';

/** The parts of a snapshot, in the order they are paged through, and the change kind each is made of. */
const PARTS: readonly { part: string; kind: ChangeKind }[] = [
  { part: 'calendar', kind: 'calendar.year' },
  { part: 'catalog', kind: 'catalog.item' },
  { part: 'policy', kind: 'policy.table' },
  { part: 'roster', kind: 'roster.person' },
  { part: 'cases', kind: 'case.status' },
  // The station's own 好差评 ratings and follow-ups (issue 15, protocol 1.3).
  { part: 'ratings', kind: 'front.rating' },
  { part: 'followups', kind: 'front.followup' },
];

const TokenSchema = z.strictObject({ p: z.number().int().min(0), k: z.string(), r: z.number().int().min(0), s: z.string() });
type Token = z.infer<typeof TokenSchema>;

function encode(t: Token): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decode(page: string, stationId: string): Token {
  try {
    const t = TokenSchema.parse(JSON.parse(Buffer.from(page, 'base64url').toString('utf8')));
    if (t.s === stationId) return t;
  } catch {
    // fall through
  }
  return fail('invalid-request', '快照分页标记无效，请从第一页重新开始', { field: 'page' });
}

async function partPage(ctx: CentralContext, station: StationRow, part: string, after: string, limit: number): Promise<{ items: SnapshotItem[]; lastKey: string | null }> {
  const items: SnapshotItem[] = [];
  switch (part) {
    case 'calendar':
    case 'catalog':
    case 'policy': {
      const rows = await ctx.store.refsPage(part, part === 'calendar' ? '' : station.regionCode, after, limit);
      for (const r of rows) {
        const body = JSON.parse(r.body) as unknown;
        if (part === 'calendar') items.push({ at: r.updatedAt, kind: 'calendar.year', data: { version: r.version, calendar: body } } as SnapshotItem);
        else if (part === 'catalog') items.push({ at: r.updatedAt, kind: 'catalog.item', data: { code: r.key, regionCode: r.scope, version: r.version, item: body } } as SnapshotItem);
        else items.push({ at: r.updatedAt, kind: 'policy.table', data: { table: body } } as SnapshotItem);
      }
      return { items, lastKey: rows[rows.length - 1]?.key ?? null };
    }
    case 'roster': {
      const rows = await ctx.store.rosterPage(station.regionCode, after, limit);
      for (const p of rows) {
        items.push({ at: p.updatedAt, kind: 'roster.person', data: { personId: p.id, regionCode: station.regionCode, version: p.version, removed: false, row: p.body } } as SnapshotItem);
      }
      return { items, lastKey: rows[rows.length - 1]?.id ?? null };
    }
    case 'ratings':
    case 'followups': {
      const rows = await ctx.store.frontPage(station.id, part === 'ratings' ? 'rating' : 'followup', after, limit);
      for (const r of rows) items.push({ at: r.updatedAt, kind: part === 'ratings' ? 'front.rating' : 'front.followup', data: r.body } as SnapshotItem);
      return { items, lastKey: rows[rows.length - 1]?.key ?? null };
    }
    default: {
      const rows = await ctx.store.ownedCasesPage(station.id, after, limit);
      for (const c of rows) {
        const { at, kind, data } = caseStatusChange(c, null, c.updatedAt);
        items.push({ at, kind, data } as SnapshotItem);
      }
      return { items, lastKey: rows[rows.length - 1]?.id ?? null };
    }
  }
}

/**
 * GET /v1/sync/snapshot: the station's complete current state, paged part by part. A snapshot is whole: after
 * the last page the station drops roster rows, catalog items and policy tables it did not receive (items of
 * the default catalog stay when the region has none published), then pulls from `resumeCursor`.
 */
export async function snapshot(ctx: CentralContext, station: StationRow, q: SnapshotQuery, minor: number): Promise<SnapshotResponse> {
  const limit = q.limit ?? SYNC_LIMITS.defaultPullLimit;
  let token: Token = q.page ? decode(q.page, station.id) : { p: 0, k: '', r: await ctx.store.maxChangeId(), s: station.id };
  const items: SnapshotItem[] = [];
  while (token.p < PARTS.length && items.length < limit) {
    const part = PARTS[token.p]!;
    if (CHANGE_KIND_SINCE[part.kind] > minor) {
      token = { ...token, p: token.p + 1, k: '' };
      continue;
    }
    const want = limit - items.length;
    const page = await partPage(ctx, station, part.part, token.k, want);
    items.push(...page.items);
    token = page.items.length < want || page.lastKey === null ? { ...token, p: token.p + 1, k: '' } : { ...token, k: page.lastKey };
  }
  await ctx.store.ensureDurable(station.id, nowInstant(ctx.clock));
  return { items, nextPage: token.p < PARTS.length ? encode(token) : null, resumeCursor: String(token.r) };
}
