import { z } from 'zod';
import { InstantSchema, UuidSchema } from '../cases/model';

/**
 * A visit record of "三送一听": what the team brought (policy explained, medicine delivered, a service done, a case
 * taken in) and what the residents asked for or complained about (诉求), each with its follow-up state and owner.
 * Visits travel to central as `visit.recorded` ops (shared/sync/ops.ts): the full record each time, newer
 * versions replacing older ones.
 */

/** 送政策 · 送药品 · 送服务 · 受理办件. */
export const VISIT_BROUGHT = ['policy', 'medicine', 'service', 'case'] as const;
export type VisitBrought = (typeof VISIT_BROUGHT)[number];

/** 诉求 (a request) or 投诉 (a complaint). */
export const DEMAND_KINDS = ['request', 'complaint'] as const;
/** 待办 · 跟进中 · 已办结. */
export const DEMAND_STATES = ['open', 'in_progress', 'resolved'] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

export const DemandSchema = z.strictObject({
  id: UuidSchema,
  kind: z.enum(DEMAND_KINDS),
  text: z.string().trim().min(1, '请填写诉求内容').max(500, '诉求内容不能超过500个字'),
  state: z.enum(DEMAND_STATES),
  /** Who follows it up (a name or an office). */
  owner: z.string().trim().min(1, '请填写负责跟进的人').max(50),
  /** What was done or promised. */
  followUp: z.string().trim().max(500).nullable(),
});
export type Demand = z.infer<typeof DemandSchema>;

export const VisitSchema = z.strictObject({
  id: UuidSchema,
  /** Grows with each change of the record; central keeps the highest. */
  version: z.number().int().positive(),
  tripId: UuidSchema.nullable(),
  personId: z.string().min(1).max(64),
  /** The household when the visit was to a family (户主姓名 or the house's address). */
  household: z.string().trim().max(100).nullable(),
  visitedAt: InstantSchema,
  brought: z.array(z.enum(VISIT_BROUGHT)).max(VISIT_BROUGHT.length),
  /** Cases taken in during the visit. */
  caseIds: z.array(UuidSchema).max(20),
  note: z.string().trim().max(1000).nullable(),
  demands: z.array(DemandSchema).max(20),
  recordedBy: UuidSchema,
  recordedByName: z.string().max(50),
  stationCode: z.string().min(1).max(32),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Visit = z.infer<typeof VisitSchema>;

/** Whether a demand still waits for someone (the trip report lists these as open). */
export function isDemandOpen(d: Pick<Demand, 'state'>): boolean {
  return d.state !== 'resolved';
}
