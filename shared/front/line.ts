import type { PriorityReason, ServiceWindow, TicketStatus } from './tickets';

/**
 * The order of the waiting line — which ticket a window calls next (F2 叫号). One rule, used by the core to
 * call and by the kiosk's "waiting ahead":
 *
 * 1. **transferred** to this window (转窗): they already waited once; first come first, by transfer time;
 * 2. **appointments** (预约) checked in whose slot has begun: the head of their category, by slot start;
 * 3. **green lane** (绿色通道: 70+, disability, serving military, pregnancy): before the normal line, by issue time;
 * 4. the **normal** line, by issue time (an appointment checked in before its slot waits here until the slot).
 *
 * A window calls from the categories it serves, plus what was transferred to it; a ticket transferred to one
 * window is no other window's. Skipped (过号) and served tickets have left the line; a recall (F3) calls the same
 * ticket again and changes nothing in the order.
 */
export interface LineTicket {
  id: string;
  category: string;
  number: string;
  status: TicketStatus;
  priority: PriorityReason | null;
  /** Start of the appointment slot (instant) for a checked-in appointment; null otherwise. */
  slotStart: string | null;
  issuedAt: string;
  /** The window it was transferred to and waits for, or null (any window serving its category). */
  targetWindow: number | null;
  transferredAt: string | null;
}

export const LINE_CLASSES = ['transfer', 'appointment', 'priority', 'normal'] as const;
export type LineClass = (typeof LINE_CLASSES)[number];

/** Which part of the line a waiting ticket is in at `now` (an instant). */
export function lineClass(t: LineTicket, now: string): LineClass {
  if (t.targetWindow !== null) return 'transfer';
  if (t.slotStart !== null && t.slotStart <= now) return 'appointment';
  if (t.priority !== null) return 'priority';
  return 'normal';
}

function keyTime(t: LineTicket, cls: LineClass): string {
  if (cls === 'transfer') return t.transferredAt ?? t.issuedAt;
  if (cls === 'appointment') return t.slotStart ?? t.issuedAt;
  return t.issuedAt;
}

/** Negative when `a` is called before `b` at `now` (instants compare as text: they all carry +08:00). */
export function compareInLine(a: LineTicket, b: LineTicket, now: string): number {
  const ca = lineClass(a, now);
  const cb = lineClass(b, now);
  if (ca !== cb) return LINE_CLASSES.indexOf(ca) - LINE_CLASSES.indexOf(cb);
  const ka = keyTime(a, ca);
  const kb = keyTime(b, cb);
  if (ka !== kb) return ka < kb ? -1 : 1;
  if (a.issuedAt !== b.issuedAt) return a.issuedAt < b.issuedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether `window` may call `t` now: waiting, and transferred to it, or of a category it serves and not transferred elsewhere. */
export function callableAt(t: LineTicket, window: Pick<ServiceWindow, 'no' | 'categories'>): boolean {
  if (t.status !== 'waiting') return false;
  if (t.targetWindow !== null) return t.targetWindow === window.no;
  return window.categories.includes(t.category);
}

/** The ticket `window` calls next at `now`, or null when nobody is waiting for it. */
export function nextForWindow<T extends LineTicket>(tickets: readonly T[], window: Pick<ServiceWindow, 'no' | 'categories'>, now: string): T | null {
  let best: T | null = null;
  for (const t of tickets) {
    if (!callableAt(t, window)) continue;
    if (best === null || compareInLine(t, best, now) < 0) best = t;
  }
  return best;
}

/** The waiting tickets `window` would call, in order. */
export function lineForWindow<T extends LineTicket>(tickets: readonly T[], window: Pick<ServiceWindow, 'no' | 'categories'>, now: string): T[] {
  return tickets.filter((t) => callableAt(t, window)).sort((a, b) => compareInLine(a, b, now));
}

/**
 * How many are ahead of `ticket` in its own line: waiting tickets of its category (or transferred to the same
 * window) that are called before it. What the kiosk prints ("前面还有 3 人").
 */
export function waitingAhead(tickets: readonly LineTicket[], ticket: LineTicket, now: string): number {
  let n = 0;
  for (const t of tickets) {
    if (t.id === ticket.id || t.status !== 'waiting') continue;
    const sameLine = ticket.targetWindow !== null ? t.targetWindow === ticket.targetWindow : t.targetWindow === null && t.category === ticket.category;
    if (sameLine && compareInLine(t, ticket, now) < 0) n += 1;
  }
  return n;
}
