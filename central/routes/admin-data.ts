import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import {
  PruneResponseSchema,
  PublishCalendarRequestSchema,
  PublishCatalogRequestSchema,
  PublishPolicyRequestSchema,
  PublishResponseSchema,
  PublishRosterRequestSchema,
} from '../../shared/sync/admin';
import type { CentralContext } from '../services/context';
import { publishCalendar, publishCatalog, publishPolicy, publishRoster } from '../services/publish';
import { pruneChanges } from '../services/retention';
import { fail } from '../services/errors';
import { parseInput, sendValid } from '../http/validate';
import { adminAuth } from '../http/auth';
import { BlobParams } from '../http/params';

/** Back office: publishing reference data, pruning the change log, reading attachments. */
export function adminDataRoutes(app: FastifyInstance, ctx: CentralContext): void {
  const opts = { preHandler: adminAuth(ctx), bodyLimit: ctx.config.limits.maxAdminBodyBytes };

  app.post('/v1/admin/publish/catalog', opts, async (req, reply) =>
    sendValid(reply, PublishResponseSchema, await publishCatalog(ctx, parseInput(PublishCatalogRequestSchema, req.body))),
  );
  app.post('/v1/admin/publish/policy', opts, async (req, reply) =>
    sendValid(reply, PublishResponseSchema, await publishPolicy(ctx, parseInput(PublishPolicyRequestSchema, req.body))),
  );
  app.post('/v1/admin/publish/calendar', opts, async (req, reply) =>
    sendValid(reply, PublishResponseSchema, await publishCalendar(ctx, parseInput(PublishCalendarRequestSchema, req.body))),
  );
  app.post('/v1/admin/publish/roster', opts, async (req, reply) =>
    sendValid(reply, PublishResponseSchema, await publishRoster(ctx, parseInput(PublishRosterRequestSchema, req.body))),
  );

  app.post('/v1/admin/changes/prune', { preHandler: opts.preHandler }, async (_req, reply) => {
    const r = await pruneChanges(ctx);
    return sendValid(reply, PruneResponseSchema, { deleted: r.deleted, floor: String(r.floor) });
  });

  app.get('/v1/admin/blobs/:sha256', { preHandler: opts.preHandler }, async (req, reply) => {
    const { sha256 } = parseInput(BlobParams, req.params);
    const blob = await ctx.store.blobBySha(sha256);
    if (!blob) fail('not-found', '中心没有这个附件');
    return reply.type(blob.mime).header('content-length', String(blob.size)).send(createReadStream(ctx.blobs.blobPath(sha256)));
  });
}
