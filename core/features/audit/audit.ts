import type { CoreContext } from '../../context';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import { AUDIT_EXPORT_MAX_ROWS, type AuditFilter as ChannelFilter, type AuditEntry } from '../../../shared/api/channels/audit';
import type { AuditFilter, AuditRow } from '../../../db/repos/audit';
import { auditActionOf, LEGACY_AUDIT_ACTIONS } from '../../../shared/audit';
import { validatePersonId } from '../../../shared/identity';
import { addDays, nowInstant, today } from '../../../shared/time';
import { xlsxWorkbook, csv, type Cell } from './sheet';
import { aTurnForTheWindow } from '../../turn';


/** The screen's filter as the log's: a typed ID number becomes the person's id, an action its stored names. */
function toFilter(ctx: CoreContext, f: ChannelFilter): { filter: AuditFilter; none: boolean } {
  const filter: AuditFilter = {};
  if (f.userId) filter.actorId = f.userId;
  if (f.personIdNumber) {
    const v = validatePersonId(f.personIdNumber, today(ctx.clock));
    const p = ctx.repos.persons.byIdNumber(v.ok ? v.normalized : f.personIdNumber.trim().toUpperCase());
    if (!p) return { filter, none: true };
    filter.personId = p.id;
  }
  if (f.action) filter.actions = [f.action, ...Object.entries(LEGACY_AUDIT_ACTIONS).filter(([, now]) => now === f.action).map(([old]) => old)];
  if (f.from) filter.from = `${f.from}T00:00:00.000+08:00`;
  if (f.to) filter.to = `${addDays(f.to, 1)}T00:00:00.000+08:00`;
  return { filter, none: false };
}

function personIdsOf(r: AuditRow): string[] {
  const listed = Array.isArray(r.detail.personIds) ? r.detail.personIds.filter((x): x is string => typeof x === 'string') : [];
  if (r.entity === 'person' && r.entityId && !listed.includes(r.entityId)) return [r.entityId, ...listed];
  return listed;
}

function toEntry(r: AuditRow): AuditEntry {
  return { seq: r.id, at: r.at, actorId: r.actorId, actorName: r.actorName, action: auditActionOf(r.action), entity: r.entity, entityId: r.entityId, personIds: personIdsOf(r), detail: r.detail };
}

/** What the audit row of a read of the log records of the filter (the person by id, never the typed number). */
function filterNote(f: ChannelFilter, resolved: AuditFilter): Record<string, unknown> {
  return { userId: f.userId ?? null, personId: resolved.personId ?? null, action: f.action ?? null, from: f.from ?? null, to: f.to ?? null };
}

export function listAudit(ctx: CoreContext, user: SessionUser, input: ChannelInput<'audit.list'>): ChannelOutput<'audit.list'> {
  const { filter, none } = toFilter(ctx, input.filter);
  const rows = none ? [] : ctx.repos.audit.query(filter, input.page.offset, input.page.limit).map(toEntry);
  const total = none ? 0 : ctx.repos.audit.count(filter);
  ctx.txRelaxed(() =>
    ctx.repos.audit.append({
      at: nowInstant(ctx.clock),
      actorId: user.id,
      actorName: user.displayName,
      action: 'audit.read',
      entity: 'audit',
      entityId: null,
      detail: { filter: filterNote(input.filter, filter), shown: rows.length, personIds: [...new Set(rows.flatMap((r) => r.personIds))] },
    }),
  );
  return { rows, total };
}

/** Rows read at a time for an export, with a turn for the window between. */
const EXPORT_PAGE = 2_000;

/**
 * The rows an export holds (at most AUDIT_EXPORT_MAX_ROWS, newest first), read a page at a time below the last
 * seq read: the window's requests run between pages, and rows they append are not in this export.
 */
async function readForExport(ctx: CoreContext, filter: AuditFilter): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  let before = Number.MAX_SAFE_INTEGER;
  while (rows.length < AUDIT_EXPORT_MAX_ROWS) {
    const page = ctx.repos.audit.queryBefore(filter, before, Math.min(EXPORT_PAGE, AUDIT_EXPORT_MAX_ROWS - rows.length));
    for (const r of page) rows.push(exportRow(toEntry(r)));
    if (page.length === 0 || rows.length >= AUDIT_EXPORT_MAX_ROWS) break;
    before = page[page.length - 1]!.id;
    await aTurnForTheWindow();
  }
  return rows;
}

/** One entry as a row of the export (HEADER's columns). */
function exportRow(r: AuditEntry): Cell[] {
  return [r.seq, r.at, r.actorName, r.actorId, r.action, r.entity, r.entityId, r.personIds.join(' '), JSON.stringify(r.detail)];
}

const HEADER: Cell[] = ['序号', '时间', '用户', '用户编号', '操作', '对象', '对象编号', '涉及参保人', '详情'];

export async function exportAudit(ctx: CoreContext, user: SessionUser, input: ChannelInput<'audit.export'>): Promise<ChannelOutput<'audit.export'>> {
  const { filter, none } = toFilter(ctx, input.filter);
  const rows = none ? [] : await readForExport(ctx, filter);
  const table: Cell[][] = [HEADER, ...rows];
  const stamp = nowInstant(ctx.clock).slice(0, 16).replace(/[-:T]/g, '');
  const data = input.format === 'xlsx' ? await xlsxWorkbook('审计日志', table) : await csv(table);
  ctx.tx(() =>
    ctx.repos.audit.append({
      at: nowInstant(ctx.clock),
      actorId: user.id,
      actorName: user.displayName,
      action: 'audit.export',
      entity: 'audit',
      entityId: null,
      detail: { format: input.format, rows: rows.length, filter: filterNote(input.filter, filter) },
    }),
  );
  return {
    fileName: `audit-${stamp}.${input.format}`,
    mime: input.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
    rows: rows.length,
    dataBase64: data.toString('base64'),
  };
}
