import type { CoreContext } from '../../context';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { ChannelOutput } from '../../../shared/api/contract';
import type { ChainCheck } from '../../../db/repos/audit';
import { nowInstant } from '../../../shared/time';

/**
 * An audit log that proves itself: the hash chain is verified at every start, incrementally — from the last row
 * verified before (kept as a station setting), which must still be there unchanged — and in full on demand. A break
 * is recorded once (`audit_breaks`), written to the log as `audit.break`, shown to supervisors as a banner and
 * reported to central with the next sync (core/features/sync/audit-report). Central also keeps the head the station
 * last reported and flags a head that does not extend it, which catches a log truncated or rewritten with hashes
 * recomputed — what no check inside the station can prove.
 */
export const VERIFIED_KEY = 'audit.verified';

interface Checkpoint {
  id: number;
  hash: string;
  at: string;
}

function checkpoint(ctx: CoreContext): Checkpoint | null {
  const raw = ctx.repos.settings.get(VERIFIED_KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Checkpoint>;
    if (typeof v.id === 'number' && typeof v.hash === 'string' && typeof v.at === 'string') return { id: v.id, hash: v.hash, at: v.at };
  } catch {
    /* a damaged setting: verify from the start */
  }
  return null;
}

/**
 * Verify the chain: `incremental` from the checkpoint, `full` from the first row. The checkpoint moves to the last
 * row when the chain holds; a break is recorded (once) and written to the log with who found it.
 */
export function verifyAudit(ctx: CoreContext, mode: 'incremental' | 'full', by: SessionUser | null): ChainCheck {
  const cp = mode === 'incremental' ? checkpoint(ctx) : null;
  const r = ctx.repos.audit.verifyFrom(cp ? { id: cp.id, hash: cp.hash } : null);
  const at = nowInstant(ctx.clock);
  ctx.tx(() => {
    if (r.ok) {
      if (r.last) ctx.repos.settings.set(VERIFIED_KEY, JSON.stringify({ id: r.last.id, hash: r.last.hash, at }));
    } else if (ctx.repos.audit.recordBreak(at, r.brokenAt, r.kind, { mode, verifiedBefore: cp?.id ?? 0 })) {
      ctx.repos.audit.append({ at, actorId: by?.id ?? null, actorName: by?.displayName ?? 'system', action: 'audit.break', entity: 'audit', entityId: String(r.brokenAt), detail: { kind: r.kind, mode } });
    }
    if (mode === 'full' && by) {
      ctx.repos.audit.append({ at, actorId: by.id, actorName: by.displayName, action: 'audit.verify', entity: 'audit', entityId: null, detail: { ok: r.ok, rows: r.rows, ...(r.ok ? {} : { brokenAt: r.brokenAt, kind: r.kind }) } });
    }
  });
  return r;
}

export function auditStatus(ctx: CoreContext): ChannelOutput<'audit.status'> {
  const cp = checkpoint(ctx);
  return {
    head: ctx.repos.audit.head(),
    verifiedSeq: cp?.id ?? 0,
    verifiedAt: cp?.at ?? null,
    breaks: ctx.repos.audit.breaks().map((b) => ({ detectedAt: b.detectedAt, seq: b.rowId, kind: b.kind, reported: b.reportedAt !== null })),
  };
}
