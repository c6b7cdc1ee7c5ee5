import type { CoreContext } from '../../context';
import type { ChannelInput } from '../../../shared/api/contract';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { Station } from '../../../shared/api/channels/setup';
import { fail } from '../../../shared/api/errors';
import { nowInstant } from '../../../shared/time';
import { hashPassword } from './passwords';
import { passwordProblem } from '../../../shared/passwords';
import { STATION_KEYS, isInitialized } from '../../reference/station';

/** First run: record the station and create its first supervisor, in one transaction. */
export async function initialize(ctx: CoreContext, input: ChannelInput<'setup.initialize'>): Promise<{ station: Station; user: SessionUser }> {
  if (isInitialized(ctx)) fail('already_set_up', '工作站已经初始化过了');
  const problem = passwordProblem(input.supervisor.password, input.supervisor.username);
  if (problem) fail('invalid_input', `密码：${problem}`, { field: 'supervisor.password' });
  const passwordHash = await hashPassword(input.supervisor.password);
  const at = nowInstant(ctx.clock);
  return ctx.tx(() => {
    if (isInitialized(ctx)) fail('already_set_up', '工作站已经初始化过了');
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
