import { z } from 'zod';

/** Events the core pushes to the UI (over the MessagePort or the serve-mode event stream). */
export const EVENTS = {
  /** Progress of long work (roster load, import, export, sync). */
  progress: z.strictObject({
    task: z.string(),
    phase: z.string(),
    done: z.number().int().min(0),
    total: z.number().int().min(0).nullable(),
  }),
  /**
   * Cases changed in the store (the queue should refresh), sent once per committed transaction. `origin`:
   * a change made here (window, import …) or news from central; sync starts after the former only.
   */
  'cases.changed': z.strictObject({ caseIds: z.array(z.string()).max(1000), origin: z.enum(['station', 'central']).optional() }),
  /** Connection to central and pending work; `online: null` means sync is not configured. */
  'sync.status': z.strictObject({
    configured: z.boolean(),
    online: z.boolean().nullable(),
    running: z.boolean(),
    /** Ops waiting for central. */
    pending: z.number().int().min(0),
    /** Cases whose last op central refused. */
    rejectedCases: z.number().int().min(0),
    lastSuccessAt: z.string().nullable(),
    message: z.string().nullable(),
  }),
  /**
   * The front office changed (issue 15): a ticket taken, called, recalled, ended or transferred (`tickets`), a
   * rating given or asked for, or a follow-up worked (`ratings`), the hall's configuration (`hall`). No data: the
   * display, the kiosk and the calling bar ask their own channel again.
   */
  'front.changed': z.strictObject({ what: z.enum(['tickets', 'ratings', 'hall']), windowNo: z.number().int().nullable() }),
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;

export const EventEnvelopeSchema = z.strictObject({ event: z.string(), data: z.unknown() });
