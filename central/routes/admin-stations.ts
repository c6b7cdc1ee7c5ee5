import type { FastifyInstance } from 'fastify';
import { IssueCodeRequestSchema, IssueCodeResponseSchema, StationListResponseSchema, StationSummarySchema } from '../../shared/sync/admin';
import type { CentralContext } from '../services/context';
import { issueCode, revoke, stationSummary } from '../services/stations';
import { parseInput, sendValid } from '../http/validate';
import { adminAuth } from '../http/auth';
import { StationCodeParams } from '../http/params';

export function adminStationRoutes(app: FastifyInstance, ctx: CentralContext): void {
  const preHandler = adminAuth(ctx);

  app.get('/v1/admin/stations', { preHandler }, async (_req, reply) =>
    sendValid(reply, StationListResponseSchema, { stations: (await ctx.store.listStations()).map(stationSummary) }),
  );

  app.post('/v1/admin/stations/:stationCode/codes', { preHandler }, async (req, reply) => {
    const { stationCode } = parseInput(StationCodeParams, req.params);
    const body = parseInput(IssueCodeRequestSchema, req.body);
    return sendValid(reply, IssueCodeResponseSchema, await issueCode(ctx, stationCode, body), 201);
  });

  app.post('/v1/admin/stations/:stationCode/revoke', { preHandler }, async (req, reply) => {
    const { stationCode } = parseInput(StationCodeParams, req.params);
    const s = await revoke(ctx, stationCode);
    req.log.info({ stationId: s.id, stationCode: s.code }, 'station revoked');
    return sendValid(reply, StationSummarySchema, stationSummary(s));
  });
}
