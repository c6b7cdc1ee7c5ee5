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
import { record, recordPublish } from '../services/back-office';
import { fail } from '../services/errors';
import { parseInput, sendValid } from '../http/validate';
import { requireActor } from '../http/auth';
import { BlobParams } from '../http/params';

/** Back office: publishing reference data (publisher), pruning the change log (administrator), reading attachments (reviewer, payer). */
export function adminDataRoutes(app: FastifyInstance, ctx: CentralContext): void {
  const opts = { config: { permission: 'data.publish' as const }, bodyLimit: ctx.config.limits.maxAdminBodyBytes };
  app.post('/v1/admin/publish/catalog', opts, async (req, reply) => {
    const body = parseInput(PublishCatalogRequestSchema, req.body);
    const r = await publishCatalog(ctx, body);
    await recordPublish(ctx, requireActor(req), body.regionCode, r);
    return sendValid(reply, PublishResponseSchema, r);
  });
  app.post('/v1/admin/publish/policy', opts, async (req, reply) => {
    const body = parseInput(PublishPolicyRequestSchema, req.body);
    const r = await publishPolicy(ctx, body);
    await recordPublish(ctx, requireActor(req), body.regionCode, r);
    return sendValid(reply, PublishResponseSchema, r);
  });
  app.post('/v1/admin/publish/calendar', opts, async (req, reply) => {
    const r = await publishCalendar(ctx, parseInput(PublishCalendarRequestSchema, req.body));
    await recordPublish(ctx, requireActor(req), null, r);
    return sendValid(reply, PublishResponseSchema, r);
  });
  app.post('/v1/admin/publish/roster', opts, async (req, reply) => {
    const body = parseInput(PublishRosterRequestSchema, req.body);
    const r = await publishRoster(ctx, body);
    await recordPublish(ctx, requireActor(req), body.regionCode, r);
    return sendValid(reply, PublishResponseSchema, r);
  });
  app.post('/v1/admin/changes/prune', { config: { permission: 'changes.prune' } }, async (req, reply) => {
    const r = await pruneChanges(ctx);
    await record(ctx, requireActor(req), 'changes.prune', 'changelog', null, { deleted: r.deleted, floor: r.floor });
    return sendValid(reply, PruneResponseSchema, { deleted: r.deleted, floor: String(r.floor) });
  });
  app.get('/v1/admin/blobs/:sha256', { config: { permission: 'cases.read' } }, async (req, reply) => {
    const { sha256 } = parseInput(BlobParams, req.params);
    const blob = await ctx.store.blobBySha(sha256);
    if (!blob) fail('not-found', '中心没有这个附件');
    const stream = await ctx.blobs.openRead(sha256);
    await record(ctx, requireActor(req), 'blob.view', 'blob', sha256);
    return reply.type(blob.mime).header('content-length', String(blob.size)).send(stream);
  });
}
