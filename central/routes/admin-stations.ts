import type { FastifyInstance } from 'fastify';
import { IssueCodeRequestSchema, IssueCodeResponseSchema, StationListResponseSchema, StationSummarySchema } from '../../shared/sync/admin';
import type { CentralContext } from '../services/context';
import { issueCode, revoke, stationSummary } from '../services/stations';
import { record } from '../services/back-office';
import { parseInput, sendValid } from '../http/validate';
import { requireActor } from '../http/auth';
import { StationCodeParams } from '../http/params';

/** Back office (administrator): stations — enrollment codes, revocation, the list. */
export function adminStationRoutes(app: FastifyInstance, ctx: CentralContext): void {
  const config = { permission: 'stations.manage' as const };
  app.get('/v1/admin/stations', { config }, async (_req, reply) =>
    sendValid(reply, StationListResponseSchema, { stations: (await ctx.store.listStations()).map(stationSummary) }),
  );
  app.post('/v1/admin/stations/:stationCode/codes', { config }, async (req, reply) => {
    const { stationCode } = parseInput(StationCodeParams, req.params);
    const body = parseInput(IssueCodeRequestSchema, req.body);
    const r = await issueCode(ctx, stationCode, body);
    await record(ctx, requireActor(req), 'station.issue_code', 'station', r.stationId, { stationCode, regionCode: r.regionCode, expiresAt: r.expiresAt });
    return sendValid(reply, IssueCodeResponseSchema, r, 201);
  });
  app.post('/v1/admin/stations/:stationCode/revoke', { config }, async (req, reply) => {
    const { stationCode } = parseInput(StationCodeParams, req.params);
    const s = await revoke(ctx, stationCode);
    await record(ctx, requireActor(req), 'station.revoke', 'station', s.id, { stationCode });
    req.log.info({ stationId: s.id, stationCode: s.code }, 'station revoked');
    return sendValid(reply, StationSummarySchema, stationSummary(s));
  });
}
