import type { FastifyInstance } from 'fastify';
import { HealthResponseSchema } from '../../shared/sync/health';
import { PROTOCOL_MAJOR, PROTOCOL_MINOR, PROTOCOL_VERSION } from '../../shared/sync/version';
import { SYNC_LIMITS } from '../../shared/sync/common';
import { nowInstant } from '../../shared/time';
import type { CentralContext } from '../services/context';
import { sendValid } from '../http/validate';
import { CENTRAL_VERSION } from '../version';

export function healthRoutes(app: FastifyInstance, ctx: CentralContext): void {
  app.get('/v1/health', async (_req, reply) =>
    sendValid(reply, HealthResponseSchema, {
      status: 'ok',
      version: CENTRAL_VERSION,
      protocol: { version: PROTOCOL_VERSION, major: PROTOCOL_MAJOR, minor: PROTOCOL_MINOR },
      time: nowInstant(ctx.clock),
      storage: ctx.store.kind,
      limits: {
        maxBodyBytes: ctx.config.limits.maxBodyBytes,
        maxOpsPerPush: SYNC_LIMITS.maxOpsPerPush,
        maxPullLimit: SYNC_LIMITS.maxPullLimit,
        chunkMaxBytes: ctx.config.limits.chunkMaxBytes,
        maxUploadBytes: ctx.config.limits.maxUploadBytes,
      },
    }),
  );
}
