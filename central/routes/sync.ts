import type { FastifyInstance } from 'fastify';
import { PushRequestSchema, PushResponseSchema } from '../../shared/sync/push';
import { PullQuerySchema, PullResponseSchema, SnapshotQuerySchema, SnapshotResponseSchema } from '../../shared/sync/pull';
import type { CentralContext } from '../services/context';
import { push } from '../services/push';
import { pull } from '../services/pull';
import { snapshot } from '../services/snapshot';
import { parseInput, sendValid } from '../http/validate';
import { protocolMinor, requireStation, stationAuth } from '../http/auth';

export function syncRoutes(app: FastifyInstance, ctx: CentralContext): void {
  const preHandler = stationAuth(ctx);

  app.post('/v1/sync/push', { preHandler }, async (req, reply) => {
    const station = requireStation(req);
    const body = parseInput(PushRequestSchema, req.body);
    const minor = protocolMinor(body.protocol);
    return sendValid(reply, PushResponseSchema, await push(ctx, station, body, minor));
  });

  app.get('/v1/sync/pull', { preHandler }, async (req, reply) => {
    const station = requireStation(req);
    const q = parseInput(PullQuerySchema, req.query);
    return sendValid(reply, PullResponseSchema, await pull(ctx, station, q, protocolMinor(q.protocol)));
  });

  app.get('/v1/sync/snapshot', { preHandler }, async (req, reply) => {
    const station = requireStation(req);
    const q = parseInput(SnapshotQuerySchema, req.query);
    return sendValid(reply, SnapshotResponseSchema, await snapshot(ctx, station, q, protocolMinor(q.protocol)));
  });
}
