import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { issueDevice, listDevices, myDevice, revokeDevice, signInDevice } from './devices';

/** devices.*: the narrow credentials of the customer displays and kiosks (issue 15). */
export const devicesHandlers = {
  'devices.list': (ctx) => listDevices(ctx),
  'devices.issue': (ctx, session, input) => issueDevice(ctx, me(session), input),
  'devices.revoke': (ctx, session, input) => revokeDevice(ctx, me(session), input.id),
  'devices.signIn': (ctx, session, input) => ({ device: signInDevice(ctx, session, input.key) }),
  'devices.me': (_ctx, session) => ({ device: myDevice(session) }),
} satisfies Partial<Handlers>;
