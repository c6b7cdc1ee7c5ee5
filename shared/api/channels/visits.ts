import { z } from 'zod';
import { channel } from '../channel';
import { UuidSchema } from '../../cases/model';
import { DEMAND_KINDS, DEMAND_STATES, VISIT_BROUGHT, VisitSchema } from '../../outreach/visits';

/** visits.* — visit records of "三送一听" (what was brought, what residents asked for), synced to central. */

export const VisitViewSchema = z.strictObject({ visit: VisitSchema, personName: z.string(), tripName: z.string().nullable() });
export type VisitView = z.infer<typeof VisitViewSchema>;

const DemandInputSchema = z.strictObject({
  /** Given when an existing demand is updated (its follow-up state, owner, what was done). */
  id: UuidSchema.optional(),
  kind: z.enum(DEMAND_KINDS),
  text: z.string().trim().min(1, '请填写诉求内容').max(500, '诉求内容不能超过500个字'),
  state: z.enum(DEMAND_STATES),
  owner: z.string().trim().min(1, '请填写负责跟进的人').max(50, '负责人不能超过50个字'),
  followUp: z.string().trim().max(500).nullable().optional(),
});

export const visitsRecord = channel({
  summary: 'Record a visit (or change one: give its id and version); on a trip it belongs to the trip',
  write: true,
  input: z.strictObject({
    visitId: UuidSchema.optional(),
    version: z.number().int().positive().optional(),
    personId: UuidSchema,
    household: z.string().trim().max(100).nullable().optional(),
    brought: z.array(z.enum(VISIT_BROUGHT)).max(VISIT_BROUGHT.length),
    caseIds: z.array(UuidSchema).max(20).optional(),
    note: z.string().trim().max(1000).nullable().optional(),
    demands: z.array(DemandInputSchema).max(20),
  }),
  output: VisitViewSchema,
});

export const visitsList = channel({
  summary: "Visit records of a trip or of a person (the person's history), newest first",
  write: false,
  input: z.union([z.strictObject({ tripId: UuidSchema }), z.strictObject({ personId: UuidSchema })]),
  output: z.array(VisitViewSchema),
});
