import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkProtocol } from '../../shared/sync/version';
import type { StationRow } from '../store/types';
import type { CentralContext } from '../services/context';
import { authenticate } from '../services/stations';
import { fail } from '../services/errors';
import { authenticateAccount, authorize, record, type Actor, type Permission } from '../services/back-office';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated station (station routes), for handlers and the request log. */
    station: StationRow | null;
    /** The signed-in back-office account (back-office routes). */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** What a back-office route needs (checked with the credentials, before the body is read); 'signed-in': any account. */
    permission?: Permission | 'signed-in';
  }
}

/** Routes anyone may call: health, and enrollment (which proves itself with its one-time code). */
const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['GET /v1/health', 'HEAD /v1/health', 'POST /v1/stations/enroll', 'POST /v1/admin/login']);

/** Back-office routes declared elsewhere without a permission of their own. */
const FALLBACK_PERMISSIONS: Readonly<Record<string, Permission>> = { 'POST /v1/admin/bundles': 'bundles.import' };

/** Which credential a route takes: none, the back office's, or a station's (every other route: secure by default). */
export function routeAudience(method: string, url: string | undefined): 'public' | 'admin' | 'station' | 'unknown' {
  if (url === undefined) return 'unknown';
  if (PUBLIC_ROUTES.has(`${method} ${url}`)) return 'public';
  if (url.startsWith('/v1/admin/')) return 'admin';
  return 'station';
}

/**
 * A back-office request: the account's token, then the route's permission. A route that declares none needs the
 * administrator role (fail closed).
 */
async function adminCheck(ctx: CentralContext, req: FastifyRequest): Promise<void> {
  req.actor ??= await authenticateAccount(ctx, req.headers.authorization);
  const declared = req.routeOptions.config?.permission ?? FALLBACK_PERMISSIONS[`${req.method} ${req.routeOptions.url ?? ''}`] ?? 'stations.manage';
  if (declared !== 'signed-in') authorize(req.actor, declared);
}

/**
 * Credentials are checked when a request's headers have arrived, before its body is read (an `onRequest` hook,
 * which Fastify runs before any body parsing): an unauthenticated request is answered 401/403 at once and its body
 * is never buffered. Every route but the public ones needs a credential, so a new route cannot be left open by
 * forgetting a hook.
 */
export function installAuthentication(app: FastifyInstance, ctx: CentralContext): void {
  // A back-office route declared elsewhere (the bundle import) is recorded in central's audit here, from its answer.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'POST' || req.routeOptions.url !== '/v1/admin/bundles' || reply.statusCode !== 200 || !req.actor || typeof payload !== 'string') return payload;
    const r = JSON.parse(payload) as { stationCode?: string; bundleId?: string; applied?: number; duplicate?: number; rejected?: number };
    await record(ctx, req.actor, 'bundle.import', 'station', null, { stationCode: r.stationCode, bundleId: r.bundleId, applied: r.applied, duplicate: r.duplicate, rejected: r.rejected });
    return payload;
  });
  app.addHook('onRequest', async (req) => {
    switch (routeAudience(req.method, req.routeOptions.url)) {
      case 'station':
        req.station = await authenticate(ctx, req.headers.authorization);
        return;
      case 'admin':
        await adminCheck(ctx, req);
        return;
      default:
        return;
    }
  });
}

/** Station routes: the station installAuthentication found (kept as the routes' declaration of who may call them). */
export function stationAuth(ctx: CentralContext) {
  return async (req: FastifyRequest): Promise<void> => {
    req.station ??= await authenticate(ctx, req.headers.authorization);
  };
}

export function requireStation(req: FastifyRequest): StationRow {
  if (!req.station) fail('unauthenticated', '缺少站点凭证');
  return req.station;
}

/** Back-office routes: a signed-in account with the route's permission (installAuthentication checked it first). */
export function adminAuth(ctx: CentralContext) {
  return async (req: FastifyRequest): Promise<void> => adminCheck(ctx, req);
}

/** The signed-in account of a back-office route. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) fail('unauthenticated', '请先登录后台');
  return req.actor;
}

/** The minor version a request speaks (absent on a GET = 1.0); refuses versions the server does not speak. */
export function protocolMinor(version: string | undefined): number {
  if (version === undefined) return 0;
  const c = checkProtocol(version);
  if (!c.ok) fail('protocol-unsupported', c.message, { field: 'protocol' });
  return c.minor;
}
