import type { FastifyRequest } from 'fastify';
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

/** preHandler of station routes: the bearer credential must belong to an active station. */
export function stationAuth(ctx: CentralContext) {
  return async (req: FastifyRequest): Promise<void> => {
    req.station = await authenticate(ctx, req.headers.authorization);
  };
}

export function requireStation(req: FastifyRequest): StationRow {
  if (!req.station) fail('unauthenticated', '缺少站点凭证');
  return req.station;
}

/** preHandler of back-office routes: the admin token, never a station credential. */
export function adminAuth(ctx: CentralContext) {
  return async (req: FastifyRequest): Promise<void> => {
    const token = ctx.config.adminToken;
    if (token === null) fail('forbidden', '后台接口未启用（未配置管理令牌 CENTRAL_ADMIN_TOKEN）');
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m) fail('unauthenticated', '缺少管理令牌：请求须带 Authorization: Bearer <管理令牌>');
    if (!sameSecret(m[1]!, token)) fail('forbidden', '管理令牌不正确');
  };
}

/** The minor version a request speaks (absent on a GET = 1.0); refuses versions the server does not speak. */
export function protocolMinor(version: string | undefined): number {
  if (version === undefined) return 0;
  const c = checkProtocol(version);
  if (!c.ok) fail('protocol-unsupported', c.message, { field: 'protocol' });
  return c.minor;
}
