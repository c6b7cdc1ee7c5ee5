import type { z } from 'zod';
import type { CoreContext } from './context';
import type { Session } from './session';
import type { ChannelName, ChannelOutput, Channels } from '../shared/api/contract';
import type { SessionUser } from '../shared/api/channels/auth';
import { fail } from '../shared/api/errors';

/**
 * What a feature folder exports: handlers for some channels of the contract. The router has already parsed the
 * input, checked the role and checks the output; a handler only calls its feature's service.
 */
export type ChannelInputParsed<C extends ChannelName> = z.output<Channels[C]['input']>;
export type Handler<C extends ChannelName> = (ctx: CoreContext, session: Session, input: ChannelInputParsed<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

/** The signed-in user (the router has already checked there is one for non-public channels). */
export function me(session: Session): SessionUser {
  if (!session.user) fail('not_signed_in', '请先登录');
  return session.user;
}
