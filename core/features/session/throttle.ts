import type { CoreContext } from '../../context';

/**
 * Sign-in throttling (issue 13): per user, a growing delay after 5 wrong passwords in a row and a 15-minute lock
 * after 10 (kept in the users table, so a restart does not lift it); per client (a window, or serve mode's
 * loopback address), at most 20 wrong passwords in 10 minutes whichever names they try. User names the station does
 * not know are throttled the same way in memory, so the answers do not tell which names exist.
 */
export const DELAY_AFTER = 5;
export const LOCK_AFTER = 10;
export const LOCK_MS = 15 * 60_000;
export const CLIENT_WINDOW_MS = 10 * 60_000;
export const CLIENT_MAX_FAILURES = 20;

/** The wait after the `count`-th wrong password in a row: none before 5, then 2, 4, 8, 16, 32 s; 15 minutes from 10. */
export function waitAfterFailure(count: number): number {
  if (count >= LOCK_AFTER) return LOCK_MS;
  if (count < DELAY_AFTER) return 0;
  return 2 ** (count - DELAY_AFTER + 1) * 1000;
}

interface NameState {
  count: number;
  until: number;
}

interface Throttle {
  /** Failure instants (epoch ms) per client, oldest first. */
  clients: Map<string, number[]>;
  /** Unknown user names (lower case). */
  names: Map<string, NameState>;
}

const throttles = new WeakMap<object, Throttle>();

function stateOf(ctx: CoreContext): Throttle {
  // Keyed by the event bus: it outlives a store reopened in place (the context object is reused, too).
  let t = throttles.get(ctx.events);
  if (!t) throttles.set(ctx.events, (t = { clients: new Map(), names: new Map() }));
  return t;
}

function recent(list: number[], now: number): number[] {
  while (list.length > 0 && list[0]! <= now - CLIENT_WINDOW_MS) list.shift();
  return list;
}

/** Milliseconds until this client may try again (0: now). */
export function clientWait(ctx: CoreContext, client: string, now: number): number {
  const list = stateOf(ctx).clients.get(client);
  if (!list) return 0;
  recent(list, now);
  return list.length >= CLIENT_MAX_FAILURES ? list[0]! + CLIENT_WINDOW_MS - now : 0;
}

export function recordClientFailure(ctx: CoreContext, client: string, now: number): void {
  const clients = stateOf(ctx).clients;
  const list = recent(clients.get(client) ?? [], now);
  list.push(now);
  clients.set(client, list);
  if (clients.size > 1000) clients.delete(clients.keys().next().value!);
}

/** Milliseconds an unknown name must wait (0: now). */
export function unknownNameWait(ctx: CoreContext, name: string, now: number): number {
  const s = stateOf(ctx).names.get(name.toLowerCase());
  return s && s.until > now ? s.until - now : 0;
}

/** A wrong password for an unknown name; its failures so far. */
export function recordUnknownName(ctx: CoreContext, name: string, now: number): number {
  const names = stateOf(ctx).names;
  const key = name.toLowerCase();
  const count = (names.get(key)?.count ?? 0) + 1;
  names.set(key, { count, until: now + waitAfterFailure(count) });
  if (names.size > 1000) names.delete(names.keys().next().value!);
  return count;
}

/** The refusal's wording for a wait. */
export function waitMessage(ms: number, locked: boolean): string {
  if (locked) {
    const minutes = Math.max(1, Math.ceil(ms / 60_000));
    return `连续输错密码 ${LOCK_AFTER} 次，账号已锁定，请 ${minutes} 分钟后再试，或请站点负责人重置密码`;
  }
  return `密码输错次数过多，请 ${Math.max(1, Math.ceil(ms / 1000))} 秒后再试`;
}
