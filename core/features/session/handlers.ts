import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { beginSession, credentialStamp, endSession, sessionInfo, sessionLimitsOf } from '../../session';
import { isInitialized, station } from '../../reference/station';
import { initialize } from './setup';
import { signIn, signOut, changePassword, createUser, listUsers, resetPassword, setDisabled, setRole } from './users';

/** setup.*, auth.*, users.*: first run, signing in and out, the station's accounts. */
export const sessionHandlers = {
  'setup.status': (ctx) => ({ initialized: isInitialized(ctx), station: station(ctx) }),
  'setup.initialize': async (ctx, session, input) => {
    const r = await initialize(ctx, input);
    beginSession(session, r.user, ctx.clock.now(), false);
    const row = ctx.repos.users.byId(r.user.id);
    session.credentialStamp = row ? credentialStamp(row.passwordHash) : null;
    return r;
  },
  'auth.signIn': async (ctx, session, input) => {
    const { user } = await signIn(ctx, session, input.username, input.password);
    return { user, session: sessionInfo(session, sessionLimitsOf(ctx))! };
  },
  'auth.signOut': (ctx, session) => {
    signOut(ctx, session);
    endSession(session);
    return {};
  },
  'auth.me': (ctx, session) => ({ user: session.user, session: sessionInfo(session, sessionLimitsOf(ctx)) }),
  'auth.changePassword': async (ctx, session, input) => {
    await changePassword(ctx, session, me(session), input);
    return { session: sessionInfo(session, sessionLimitsOf(ctx))! };
  },
  'users.list': (ctx) => listUsers(ctx),
  'users.create': (ctx, session, input) => createUser(ctx, me(session), input),
  'users.resetPassword': (ctx, session, input) => resetPassword(ctx, me(session), input),
  'users.setDisabled': (ctx, session, input) => setDisabled(ctx, me(session), input),
  'users.setRole': (ctx, session, input) => setRole(ctx, me(session), input),
} satisfies Partial<Handlers>;
