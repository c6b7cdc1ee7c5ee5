import type { CoreContext } from '../../context';
import type { ChannelInput } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { Station } from '../../../shared/api/channels/setup';
import { fail } from '../../../shared/api/errors';
import { nowInstant } from '../../../shared/time';
import { hashPassword } from './passwords';
import { STATION_KEYS, isInitialized } from '../../reference/station';

/** First run: record the station and create its first supervisor, in one transaction. */
export function initialize(ctx: CoreContext, input: ChannelInput<'setup.initialize'>): { station: Station; user: SessionUser } {
  if (isInitialized(ctx)) fail('already_set_up', '工作站已经初始化过了');
  const at = nowInstant(ctx.clock);
  const passwordHash = hashPassword(input.supervisor.password);
  return ctx.tx(() => {
    ctx.repos.settings.set(STATION_KEYS.code, input.station.code);
    ctx.repos.settings.set(STATION_KEYS.name, input.station.name);
    ctx.repos.settings.set(STATION_KEYS.region, input.station.regionCode);
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
