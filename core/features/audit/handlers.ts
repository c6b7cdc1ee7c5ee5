import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { auditStatus, verifyAudit } from './verify';
import { exportAudit, listAudit } from './audit';

/** audit.*: the supervisor's 审计 screen — status and banner, verifying the chain, reading and exporting the log. */
export const auditHandlers = {
  'audit.status': (ctx) => auditStatus(ctx),
  'audit.verify': (ctx, s) => {
    const r = verifyAudit(ctx, 'full', me(s));
    return { ok: r.ok, rows: r.rows, brokenAt: r.ok ? null : r.brokenAt, status: auditStatus(ctx) };
  },
  'audit.list': (ctx, s, input) => listAudit(ctx, me(s), input),
  'audit.export': (ctx, s, input) => exportAudit(ctx, me(s), input),
} satisfies Partial<Handlers>;
