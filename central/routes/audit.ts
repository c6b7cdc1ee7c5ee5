import type { FastifyInstance } from 'fastify';
import { AuditReportRequestSchema, AuditReportResponseSchema } from '../../shared/sync/audit';
import type { CentralContext } from '../services/context';
import { reportAuditHead } from '../services/audit-head';
import { parseInput, sendValid } from '../http/validate';
import { protocolMinor, requireStation, stationAuth } from '../http/auth';

export function auditRoutes(app: FastifyInstance, ctx: CentralContext): void {
  app.post('/v1/sync/audit', { preHandler: stationAuth(ctx) }, async (req, reply) => {
    const station = requireStation(req);
    const body = parseInput(AuditReportRequestSchema, req.body);
    protocolMinor(body.protocol);
    const res = await reportAuditHead(ctx, station, body);
    if (res.flagged) req.log.warn({ stationId: station.id, stationCode: station.code, reason: res.reason }, 'station audit log flagged');
    return sendValid(reply, AuditReportResponseSchema, res);
  });
}
