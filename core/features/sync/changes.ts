import type { CoreContext } from '../../context';
import type { Change, SnapshotItem } from '../../../shared/sync';
import { calendarRows } from '../../../shared/calendar';
import { PolicyTableSchema } from '../../../shared/policy';
import { nowInstant, today } from '../../../shared/time';
import { applyCentralCaseState, recordRejection } from './apply';
import { storePolicyTable, loadPolicyTables } from '../../reference/policy-tables';
import { loadCatalog } from '../../reference/catalog';
import { loadCalendar } from '../../reference/calendar';
import { validateRow, toPerson } from '../../reference/roster-rows';

export interface Applied {
  caseIds: Set<string>;
  reference: { catalog: boolean; policy: boolean; calendar: boolean; roster: number };
  /** Changes that could not be used, with the reason (shown in the sync status). */
  skipped: string[];
}

export function emptyApplied(): Applied {
  return { caseIds: new Set(), reference: { catalog: false, policy: false, calendar: false, roster: 0 }, skipped: [] };
}

/**
 * Apply changes (a pull page or snapshot items) inside the caller's transaction. Every change is a full
 * state with a version, so repeating one is harmless. Reference data is reloaded into memory after commit
 * (`reloadReference`).
 */
export function applyChanges(ctx: CoreContext, changes: readonly (Change | SnapshotItem)[], out: Applied): void {
  const at = nowInstant(ctx.clock);
  for (const ch of changes) {
    switch (ch.kind) {
      case 'case.status': {
        const d = ch.data;
        const news = applyCentralCaseState(ctx, {
          caseId: d.caseId,
          centralVersion: d.centralVersion,
          status: d.status,
          decidedBy: d.decidedBy,
          ...('materialsPending' in d ? { materialsPending: d.materialsPending } : {}),
          ...('note' in d ? { note: d.note } : {}),
          ...('reason' in d ? { reason: d.reason } : {}),
          ...('payoutFen' in d ? { payoutFen: d.payoutFen } : {}),
        });
        if (news) out.caseIds.add(d.caseId);
        break;
      }
      case 'op.result': {
        // The outcome of an op that travelled another way (a USB bundle imported at central).
        const d = ch.data;
        const op = ctx.repos.outbox.byOpId(d.opId);
        if (!op || op.state !== 'pending') break;
        ctx.repos.outbox.markDone(op.seq, d.result, d.code, d.message, at);
        if (d.result === 'rejected' && op.caseId) {
          recordRejection(ctx, op.caseId, d.code ?? 'rejected', d.message ?? '中心拒绝了此操作', op.kind);
          out.caseIds.add(op.caseId);
        }
        break;
      }
      case 'catalog.item': {
        const item = ch.data.item;
        ctx.repos.catalog.upsert({ code: item.code, family: item.family, body: JSON.stringify(item), version: ch.data.version, source: 'central', updatedAt: at });
        out.reference.catalog = true;
        break;
      }
      case 'policy.table': {
        // The protocol's envelope names the table; its body is the whole table as shared/policy defines it,
        // checked here against the envelope (a table that does not fit is skipped and reported).
        const env = ch.data.table;
        const t = PolicyTableSchema.safeParse(env.body);
        if (!t.success || t.data.kind !== env.kind || t.data.regionCode !== env.regionCode || t.data.effectiveFrom !== env.effectiveFrom || t.data.effectiveTo !== env.effectiveTo) {
          out.skipped.push(`政策表 ${env.id}（${env.kind}）格式不对或与封套不符，已跳过`);
          break;
        }
        storePolicyTable(ctx, t.data, 'central', at);
        out.reference.policy = true;
        break;
      }
      case 'calendar.year': {
        const y = ch.data.calendar;
        ctx.repos.calendar.replaceYear(y.year, y.source, calendarRows([y]));
        out.reference.calendar = true;
        break;
      }
      // The front office (issue 15): the station's own ratings and follow-ups as central keeps them. A rating does
      // not change once given; a follow-up central holds at a higher version is taken (same record, newer state).
      case 'front.rating':
        break;
      case 'front.followup': {
        const f = ch.data;
        const have = ctx.repos.front.followUpById(f.id);
        if (have && have.version < f.version) {
          ctx.repos.front.updateFollowUp(
            { ...have, status: f.status, visitAt: f.visitAt, visitNote: f.visitNote, rectifyAt: f.rectifyAt, rectifyNote: f.rectifyNote, appealAt: f.appealAt, appealText: f.appealText, appealOutcome: f.appealOutcome, appealNote: f.appealNote, appealDecidedAt: f.appealDecidedAt, version: f.version, updatedAt: f.updatedAt },
            have.version,
          );
        }
        break;
      }
      case 'roster.person': {
        const d = ch.data;
        if (d.removed) {
          ctx.repos.persons.deleteIfUnused(d.row.idNumber);
        } else {
          const v = validateRow(d.row, today(ctx.clock));
          if (v.ok) ctx.repos.persons.upsert(toPerson(v.value, at, ctx.newId));
          else out.skipped.push(`参保人 ${d.row.idNumber}：${v.error.message}`);
        }
        out.reference.roster += 1;
        break;
      }
    }
  }
}

/** After commit: take the new reference data into use. */
export function reloadReference(ctx: CoreContext, out: Applied): void {
  if (out.reference.catalog) ctx.catalog = loadCatalog(ctx);
  if (out.reference.policy) ctx.policy = loadPolicyTables(ctx);
  if (out.reference.calendar) ctx.calendar = loadCalendar(ctx);
}
