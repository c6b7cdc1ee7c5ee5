import type { FastifyInstance } from 'fastify';
import {
  ApproveRequestSchema,
  CaseListQuerySchema,
  CaseListResponseSchema,
  CentralCaseSchema,
  CompleteRequestSchema,
  RejectRequestSchema,
  ReturnRequestSchema,
} from '../../shared/sync/admin';
import type { CentralContext } from '../services/context';
import { getCase, listCases, review, type ReviewAction } from '../services/review';
import { fail } from '../services/errors';
import { parseInput, sendValid } from '../http/validate';
import { adminAuth } from '../http/auth';
import { CaseParams } from '../http/params';

export function adminCaseRoutes(app: FastifyInstance, ctx: CentralContext): void {
  const preHandler = adminAuth(ctx);

  app.get('/v1/admin/cases', { preHandler }, async (req, reply) => {
    const q = parseInput(CaseListQuerySchema, req.query);
    let stationId: string | undefined;
    if (q.stationCode) {
      const s = await ctx.store.stationByCode(q.stationCode);
      if (!s) fail('not-found', `站点 ${q.stationCode} 不存在`);
      stationId = s.id;
    }
    const cases = await listCases(ctx, { limit: q.limit ?? 100, ...(q.status ? { status: q.status } : {}), ...(stationId ? { stationId } : {}) });
    return sendValid(reply, CaseListResponseSchema, { cases });
  });

  app.get('/v1/admin/cases/:caseId', { preHandler }, async (req, reply) => {
    const { caseId } = parseInput(CaseParams, req.params);
    return sendValid(reply, CentralCaseSchema, await getCase(ctx, caseId));
  });

  const decide = (path: string, toAction: (body: unknown) => ReviewAction) =>
    app.post(`/v1/admin/cases/:caseId/${path}`, { preHandler }, async (req, reply) => {
      const { caseId } = parseInput(CaseParams, req.params);
      const action = toAction(req.body);
      const c = await review(ctx, caseId, action);
      req.log.info({ caseId, action: action.action, status: c.status }, 'case reviewed');
      return sendValid(reply, CentralCaseSchema, c);
    });

  decide('approve', (b) => ({ action: 'approve', ...parseInput(ApproveRequestSchema, b) }));
  decide('return', (b) => ({ action: 'return', ...parseInput(ReturnRequestSchema, b) }));
  decide('reject', (b) => ({ action: 'reject', ...parseInput(RejectRequestSchema, b) }));
  decide('complete', (b) => ({ action: 'complete', ...parseInput(CompleteRequestSchema, b) }));
}
