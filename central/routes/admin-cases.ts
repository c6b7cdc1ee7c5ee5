import type { FastifyInstance } from 'fastify';
import {
  ApproveRequestSchema,
  CaseListQuerySchema,
  CaseListResponseSchema,
  CentralCaseSchema,
  CompleteRequestSchema,
  ConfirmPayoutRequestSchema,
  PayoutPendingSchema,
  RejectRequestSchema,
  ReturnRequestSchema,
} from '../../shared/sync/admin';
import type { CentralContext } from '../services/context';
import { confirmPayout, getCase, listCases, review, type ReviewAction } from '../services/review';
import { fail } from '../services/errors';
import { parseInput, sendValid } from '../http/validate';
import { requireActor } from '../http/auth';
import { CaseParams } from '../http/params';

/**
 * Back office: the case list and decisions. Reviewers approve, return and reject; payers complete with a payout —
 * above the threshold a second payer confirms (202 until then). Every decision is recorded under the signed-in
 * account (a `reviewer` name in the body is ignored) and in central's audit.
 */
export function adminCaseRoutes(app: FastifyInstance, ctx: CentralContext): void {
  app.get('/v1/admin/cases', { config: { permission: 'cases.read' } }, async (req, reply) => {
    const q = parseInput(CaseListQuerySchema, req.query);
    let stationId: string | undefined;
    if (q.stationCode) {
      const s = await ctx.store.stationByCode(q.stationCode);
      if (!s) fail('not-found', `站点 ${q.stationCode} 不存在`);
      stationId = s.id;
    }
    const cases = await listCases(ctx, requireActor(req), { limit: q.limit ?? 100, ...(q.status ? { status: q.status } : {}), ...(stationId ? { stationId } : {}) });
    return sendValid(reply, CaseListResponseSchema, { cases });
  });
  app.get('/v1/admin/cases/:caseId', { config: { permission: 'cases.read' } }, async (req, reply) => {
    const { caseId } = parseInput(CaseParams, req.params);
    return sendValid(reply, CentralCaseSchema, await getCase(ctx, requireActor(req), caseId));
  });
  const decide = (path: string, permission: 'cases.review' | 'cases.pay', toAction: (body: unknown) => ReviewAction) =>
    app.post(`/v1/admin/cases/:caseId/${path}`, { config: { permission } }, async (req, reply) => {
      const { caseId } = parseInput(CaseParams, req.params);
      const action = toAction(req.body);
      const actor = requireActor(req);
      const r = await review(ctx, actor, caseId, action);
      if (r.kind === 'pending') {
        req.log.info({ caseId, action: action.action, by: actor.username }, 'payout awaiting confirmation');
        return sendValid(reply, PayoutPendingSchema, r.pending, 202);
      }
      req.log.info({ caseId, action: action.action, status: r.case.status, by: actor.username }, 'case reviewed');
      return sendValid(reply, CentralCaseSchema, r.case);
    });
  decide('approve', 'cases.review', (b) => ({ action: 'approve', ...parseInput(ApproveRequestSchema, b) }));
  decide('return', 'cases.review', (b) => ({ action: 'return', ...parseInput(ReturnRequestSchema, b) }));
  decide('reject', 'cases.review', (b) => ({ action: 'reject', ...parseInput(RejectRequestSchema, b) }));
  decide('complete', 'cases.pay', (b) => ({ action: 'complete', ...parseInput(CompleteRequestSchema, b) }));
  app.post('/v1/admin/cases/:caseId/confirm-payout', { config: { permission: 'cases.pay' } }, async (req, reply) => {
    const { caseId } = parseInput(CaseParams, req.params);
    const { payoutFen } = parseInput(ConfirmPayoutRequestSchema, req.body);
    const actor = requireActor(req);
    const c = await confirmPayout(ctx, actor, caseId, payoutFen);
    req.log.info({ caseId, status: c.status, by: actor.username }, 'payout confirmed');
    return sendValid(reply, CentralCaseSchema, c);
  });
}
