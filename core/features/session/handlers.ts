import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { isInitialized, station } from '../../reference/station';
import { initialize } from './setup';
import { signIn, createUser, listUsers } from './users';

/** setup.*, auth.*, users.*: first run, signing in and out, the station's accounts. */
export const sessionHandlers = {
  'setup.status': (ctx) => ({ initialized: isInitialized(ctx), station: station(ctx) }),
  'setup.initialize': (ctx, session, input) => {
    const r = initialize(ctx, input);
    session.user = r.user;
    return r;
  },
  'auth.signIn': (ctx, session, input) => {
    const user = signIn(ctx, input.username, input.password);
    session.user = user;
    return { user };
  },
  'auth.signOut': (_ctx, session) => {
    session.user = null;
    return {};
  },
  'auth.me': (_ctx, session) => ({ user: session.user }),
  'users.list': (ctx) => listUsers(ctx),
  'users.create': (ctx, session, input) => createUser(ctx, me(session), input),
} satisfies Partial<Handlers>;
