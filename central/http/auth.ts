import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkProtocol } from '../../shared/sync/version';
import type { StationRow } from '../store/types';
import type { CentralContext } from '../services/context';
import { authenticate } from '../services/stations';
import { fail } from '../services/errors';
import { sameSecret } from '../util/hash';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated station (station routes), for handlers and the request log. */
    station: StationRow | null;
  }
}

/** Routes anyone may call: health, and enrollment (which proves itself with its one-time code). */
const PUBLIC_ROUTES: ReadonlySet<string> = new Set(['GET /v1/health', 'HEAD /v1/health', 'POST /v1/stations/enroll']);

/** Which credential a route takes: none, the back office's, or a station's (every other route: secure by default). */
export function routeAudience(method: string, url: string | undefined): 'public' | 'admin' | 'station' | 'unknown' {
  if (url === undefined) return 'unknown';
  if (PUBLIC_ROUTES.has(`${method} ${url}`)) return 'public';
  if (url.startsWith('/v1/admin/')) return 'admin';
  return 'station';
}

async function adminCheck(ctx: CentralContext, req: FastifyRequest): Promise<void> {
  const token = ctx.config.adminToken;
  if (token === null) fail('forbidden', '后台接口未启用（未配置管理令牌 CENTRAL_ADMIN_TOKEN）');
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) fail('unauthenticated', '缺少管理令牌：请求须带 Authorization: Bearer <管理令牌>');
  if (!sameSecret(m[1]!, token)) fail('forbidden', '管理令牌不正确');
}

/**
 * Credentials are checked when a request's headers have arrived, before its body is read (an `onRequest` hook,
 * which Fastify runs before any body parsing): an unauthenticated request is answered 401/403 at once and its body
 * is never buffered. Every route but the public ones needs a credential, so a new route cannot be left open by
 * forgetting a hook.
 */
export function installAuthentication(app: FastifyInstance, ctx: CentralContext): void {
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

/** Back-office routes: the admin token, never a station credential (checked again here; installAuthentication did it first). */
export function adminAuth(ctx: CentralContext) {
  return async (req: FastifyRequest): Promise<void> => adminCheck(ctx, req);
}

/** The minor version a request speaks (absent on a GET = 1.0); refuses versions the server does not speak. */
export function protocolMinor(version: string | undefined): number {
  if (version === undefined) return 0;
  const c = checkProtocol(version);
  if (!c.ok) fail('protocol-unsupported', c.message, { field: 'protocol' });
  return c.minor;
}
