import type { FastifyInstance } from 'fastify';
import { BUNDLE_CONTENT_TYPE, BundleImportResultSchema, MAX_BUNDLE_BYTES } from '../../shared/sync/bundle';
import type { CentralContext } from '../services/context';
import { importBundle } from '../services/bundles';
import { fail } from '../services/errors';
import { sendValid } from '../http/validate';
import { adminAuth, requireStation, stationAuth } from '../http/auth';

/**
 * USB bundles: relayed by any online station (its own credential authenticates the relay; the bundle's
 * key proves who made it), or imported by the back office.
 */
export function bundleRoutes(app: FastifyInstance, ctx: CentralContext): void {
  app.addContentTypeParser(BUNDLE_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit: MAX_BUNDLE_BYTES }, (_req, body, done) => done(null, body));

  const handle = async (body: unknown) => {
    if (!Buffer.isBuffer(body)) fail('unsupported-media-type', `离线数据包的内容类型应为 ${BUNDLE_CONTENT_TYPE}`);
    return importBundle(ctx, body);
  };

  app.post('/v1/sync/bundles', { preHandler: stationAuth(ctx), bodyLimit: MAX_BUNDLE_BYTES }, async (req, reply) => {
    const relay = requireStation(req);
    const r = await handle(req.body);
    req.log.info({ relayedBy: relay.code, bundleId: r.bundleId, origin: r.stationCode, applied: r.applied, duplicate: r.duplicate }, 'bundle imported');
    return sendValid(reply, BundleImportResultSchema, r);
  });

  app.post('/v1/admin/bundles', { preHandler: adminAuth(ctx), bodyLimit: MAX_BUNDLE_BYTES }, async (req, reply) => {
    const r = await handle(req.body);
    req.log.info({ bundleId: r.bundleId, origin: r.stationCode, applied: r.applied, duplicate: r.duplicate }, 'bundle imported');
    return sendValid(reply, BundleImportResultSchema, r);
  });
}
