import type { CoreContext } from '../context';
import type { ChannelInput } from '../../shared/api/contract';
import type { SessionUser, Station } from '../../shared/api/channels/session';
import { fail } from '../../shared/api/errors';
import { nowInstant } from '../../shared/time';
import { hashPassword } from './passwords';

const KEYS = { code: 'station.code', name: 'station.name', region: 'station.regionCode' } as const;

export function station(ctx: CoreContext): Station | null {
  const code = ctx.repos.settings.get(KEYS.code);
  const name = ctx.repos.settings.get(KEYS.name);
  const regionCode = ctx.repos.settings.get(KEYS.region);
  if (code === null || name === null || regionCode === null) return null;
  return { code, name, regionCode };
}

export function requireStation(ctx: CoreContext): Station {
  const s = station(ctx);
  if (!s) fail('setup_required', '工作站尚未初始化，请先设置站点信息');
  return s;
}

export function isInitialized(ctx: CoreContext): boolean {
  return station(ctx) !== null && ctx.repos.users.count() > 0;
}

/** First run: record the station and create its first supervisor, in one transaction. */
export function initialize(ctx: CoreContext, input: ChannelInput<'setup.initialize'>): { station: Station; user: SessionUser } {
  if (isInitialized(ctx)) fail('already_set_up', '工作站已经初始化过了');
  const at = nowInstant(ctx.clock);
  const passwordHash = hashPassword(input.supervisor.password);
  return ctx.tx(() => {
    ctx.repos.settings.set(KEYS.code, input.station.code);
    ctx.repos.settings.set(KEYS.name, input.station.name);
    ctx.repos.settings.set(KEYS.region, input.station.regionCode);
    const user: SessionUser = { id: ctx.newId(), username: input.supervisor.username, displayName: input.supervisor.displayName, role: 'supervisor' };
    ctx.repos.users.insert({ ...user, passwordHash, disabled: false, createdAt: at, updatedAt: at });
    ctx.repos.audit.append({
      at,
      actorId: user.id,
      actorName: user.displayName,
      action: 'station.initialize',
      entity: 'station',
      entityId: input.station.code,
      detail: { station: input.station, supervisor: user.username },
    });
    return { station: { ...input.station }, user };
  });
}
