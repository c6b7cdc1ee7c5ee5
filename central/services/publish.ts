import { nowInstant, today } from '../../shared/time';
import { validatePersonId } from '../../shared/identity';
import { CHANGE_KIND_SINCE, type ChangeKind } from '../../shared/sync/changes';
import type {
  PublishCalendarRequest,
  PublishCatalogRequest,
  PublishPolicyRequest,
  PublishResponse,
  PublishRosterRequest,
} from '../../shared/sync/admin';
import type { PolicyTable } from '../../shared/sync/policy';
import type { NewChange, PersonRow, RefKind, RefRow } from '../store/types';
import { hashJson } from '../util/hash';
import type { CentralContext } from './context';
import { fail } from './errors';

/**
 * Publishing reference data (back office): each entry that is new or differs from what central has gets the
 * next version and one change, scoped to its region (the calendar is national). Identical entries change
 * nothing, so publishing the same file twice is harmless.
 */

interface RefEntry {
  key: string;
  value: unknown;
  /** The body stored and the change data, given the version. */
  body: (version: number) => unknown;
  data: (version: number) => unknown;
}

async function publishRefs(ctx: CentralContext, kind: RefKind, changeKind: ChangeKind, scope: string, entries: RefEntry[]): Promise<{ published: number; unchanged: number }> {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.key)) fail('invalid-request', `发布内容中 ${e.key} 出现了两次`);
    seen.add(e.key);
  }
  const at = nowInstant(ctx.clock);
  const existing = new Map((await ctx.store.refsByKeys(kind, scope, entries.map((e) => e.key))).map((r) => [r.key, r]));
  const rows: RefRow[] = [];
  const changes: NewChange[] = [];
  for (const e of entries) {
    const hash = hashJson(e.value);
    const old = existing.get(e.key);
    if (old && old.hash === hash) continue;
    const version = (old?.version ?? 0) + 1;
    rows.push({ kind, scope, key: e.key, version, hash, body: JSON.stringify(e.body(version)), updatedAt: at });
    changes.push({ kind: changeKind, stationId: null, regionCode: scope === '' ? null : scope, at, data: e.data(version), since: CHANGE_KIND_SINCE[changeKind] });
  }
  if (rows.length > 0) await ctx.store.publishRefs(rows, changes);
  return { published: rows.length, unchanged: entries.length - rows.length };
}

export async function publishCatalog(ctx: CentralContext, req: PublishCatalogRequest): Promise<PublishResponse> {
  const r = await publishRefs(
    ctx,
    'catalog',
    'catalog.item',
    req.regionCode,
    req.items.map((item) => ({
      key: item.code,
      value: item,
      body: () => item,
      data: (version) => ({ code: item.code, regionCode: req.regionCode, version, item }),
    })),
  );
  ctx.catalog.invalidate(req.regionCode);
  return { kind: 'catalog', ...r, removed: 0 };
}

export async function publishPolicy(ctx: CentralContext, req: PublishPolicyRequest): Promise<PublishResponse> {
  req.tables.forEach((t, i) => {
    if (t.regionCode !== req.regionCode) fail('invalid-request', `第 ${i + 1} 个政策表的区划代码 ${t.regionCode} 与发布的区划 ${req.regionCode} 不符`, { field: `tables.${i}.regionCode` });
  });
  const r = await publishRefs(
    ctx,
    'policy',
    'policy.table',
    req.regionCode,
    req.tables.map((t) => {
      const table = (version: number): PolicyTable => ({ ...t, version });
      return { key: t.id, value: t, body: table, data: (version) => ({ table: table(version) }) };
    }),
  );
  return { kind: 'policy', ...r, removed: 0 };
}

export async function publishCalendar(ctx: CentralContext, req: PublishCalendarRequest): Promise<PublishResponse> {
  const r = await publishRefs(
    ctx,
    'calendar',
    'calendar.year',
    '',
    req.years.map((y) => ({
      key: String(y.year).padStart(4, '0'),
      value: y,
      body: () => y,
      data: (version) => ({ version, calendar: y }),
    })),
  );
  return { kind: 'calendar', ...r, removed: 0 };
}

const ROSTER_CHUNK = 1000;

/** The region's roster: rows added or changed, and ID numbers that left it. Committed in chunks of 1,000 rows. */
export async function publishRoster(ctx: CentralContext, req: PublishRosterRequest): Promise<PublishResponse> {
  const day = today(ctx.clock);
  const rows = req.rows.map((row, i) => {
    const v = validatePersonId(row.idNumber, day);
    if (!v.ok) fail('invalid-request', `第 ${i + 1} 行证件号码不正确：${v.message}`, { field: `rows.${i}.idNumber` });
    return { ...row, idNumber: v.normalized };
  });
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    if (seen.has(r.idNumber)) fail('invalid-request', `第 ${i + 1} 行证件号码与前面的行重复`, { field: `rows.${i}.idNumber` });
    seen.add(r.idNumber);
  }
  const removedIds = (req.removed ?? []).map((n) => n.trim().toUpperCase());
  let published = 0;
  let unchanged = 0;
  let removed = 0;
  const change = (p: PersonRow, at: string): NewChange => ({
    kind: 'roster.person',
    stationId: null,
    regionCode: req.regionCode,
    at,
    data: { personId: p.id, regionCode: req.regionCode, version: p.version, removed: p.removed, row: p.body },
    since: CHANGE_KIND_SINCE['roster.person'],
  });
  for (let i = 0; i < rows.length; i += ROSTER_CHUNK) {
    const chunk = rows.slice(i, i + ROSTER_CHUNK);
    const at = nowInstant(ctx.clock);
    const existing = new Map((await ctx.store.rosterByIdNumbers(req.regionCode, chunk.map((r) => r.idNumber))).map((p) => [p.idNumber, p]));
    const out: PersonRow[] = [];
    for (const row of chunk) {
      const hash = hashJson(row);
      const old = existing.get(row.idNumber);
      if (old && old.hash === hash && !old.removed) {
        unchanged += 1;
        continue;
      }
      out.push({
        id: old?.id ?? ctx.newId(),
        idNumber: row.idNumber,
        name: row.name,
        regionCode: req.regionCode,
        source: 'roster',
        stationId: null,
        body: row,
        hash,
        version: (old?.version ?? 0) + 1,
        removed: false,
        updatedAt: at,
      });
    }
    if (out.length > 0) await ctx.store.publishRoster(out, out.map((p) => change(p, at)));
    published += out.length;
  }
  for (let i = 0; i < removedIds.length; i += ROSTER_CHUNK) {
    const at = nowInstant(ctx.clock);
    const gone = (await ctx.store.rosterByIdNumbers(req.regionCode, removedIds.slice(i, i + ROSTER_CHUNK)))
      .filter((p) => !p.removed)
      .map((p): PersonRow => ({ ...p, removed: true, version: p.version + 1, updatedAt: at }));
    if (gone.length > 0) await ctx.store.publishRoster(gone, gone.map((p) => change(p, at)));
    removed += gone.length;
  }
  return { kind: 'roster', published, unchanged, removed };
}
