import type { CoreContext } from './context';
import type { Session } from './session';
import type { ChannelName } from '../shared/api/contract';
import type { SessionUser } from '../shared/api/channels/auth';
import type { Case } from '../shared/cases/model';
import type { CaseReach } from '../db/repos/case-handlers';
import { FORBIDDEN_ROLE_MESSAGE, FORBIDDEN_SCOPE_MESSAGE, isCaseBound, scopeOf, type Scope } from '../shared/access';
import { fail } from '../shared/api/errors';

/**
 * The scope half of least privilege (the role half is the router's): what a signed-in user reaches through one
 * channel, from the same table (shared/access.ts). Feature services ask it before they show or change a case or a
 * person; a refusal is `forbidden` and changes nothing.
 */
export interface Access {
  user: SessionUser;
  scope: Scope;
}

/** The user's access through `channel` (the router has checked the role; this refuses again if it was not). */
export function accessFor(session: Session, channel: ChannelName): Access {
  const user = session.user;
  if (!user) fail('not_signed_in', '请先登录');
  const scope = scopeOf(channel, user.role);
  if (scope === null) fail('forbidden', FORBIDDEN_ROLE_MESSAGE);
  return { user, scope };
}

/**
 * The cases within reach as a query condition, or null for the whole station. `handled`: taken in or named a
 * handler of; `trip`: taken in, or taken in on a trip the user is a member of (and the persons of the villages of
 * the user's trips not yet ended: db/repos/case-handlers.ts).
 */
export function reachOf(a: Access): CaseReach | null {
  if (!isCaseBound(a.scope)) return null;
  return { userId: a.user.id, withHandlers: a.scope === 'handled', withTrips: a.scope === 'trip' };
}

/** Whether a case is within the user's reach. */
export function caseInReach(ctx: CoreContext, a: Access, c: Pick<Case, 'id' | 'clerkId'>): boolean {
  const reach = reachOf(a);
  if (!reach) return true;
  if (c.clerkId === reach.userId) return true;
  if (reach.withTrips && ctx.repos.caseHandlers.onTripOf(c.id, reach.userId)) return true;
  return reach.withHandlers && ctx.repos.caseHandlers.isHandler(c.id, reach.userId);
}

/** The case, if it exists and is within reach; `not_found` or `forbidden` (naming the field) otherwise. */
export function requireCaseInReach(ctx: CoreContext, a: Access, caseId: string, field = 'caseId'): Case {
  const c = ctx.repos.cases.byId(caseId);
  if (!c) fail('not_found', '案件不存在', { field });
  if (!caseInReach(ctx, a, c)) fail('forbidden', FORBIDDEN_SCOPE_MESSAGE, { field });
  return c;
}

/** Whether a person is within reach: anyone for a station scope, else a person of a case within reach. */
export function personInReach(ctx: CoreContext, a: Access, personId: string): boolean {
  const reach = reachOf(a);
  return reach === null || ctx.repos.caseHandlers.personInReach(personId, reach);
}

export function requirePersonInReach(ctx: CoreContext, a: Access, personId: string, field = 'personId'): void {
  if (!personInReach(ctx, a, personId)) fail('forbidden', FORBIDDEN_SCOPE_MESSAGE, { field });
}

/** Those of `personIds` within reach, in their order. */
export function personsInReach(ctx: CoreContext, a: Access, personIds: readonly string[]): string[] {
  const reach = reachOf(a);
  if (!reach) return [...personIds];
  const ok = ctx.repos.caseHandlers.personsInReach(personIds, reach);
  return personIds.filter((id) => ok.has(id));
}
