import { z } from 'zod';
import { channel } from '../channel';
import { LocalDateSchema, UuidSchema } from '../../cases/model';
import { CaseStatusSchema } from '../../cases/status';
import { RoleSchema } from '../../roles';
import { LocalizedTextSchema } from '../../text';
import { NewTripSchema, TripSchema, TRIP_END_MODES } from '../../outreach/trips';
import { DemandSchema } from '../../outreach/visits';

/** trips.* — village trips of a mobile service team (医保基层服务队): plan, prepare, go, come back, report. */

export const TripViewSchema = z.strictObject({
  trip: TripSchema,
  members: z.array(z.strictObject({ id: UuidSchema, displayName: z.string() })),
  /** Cases and visit records taken in on the trip so far. */
  caseCount: z.number().int().min(0),
  visitCount: z.number().int().min(0),
});
export type TripView = z.infer<typeof TripViewSchema>;

export const tripsList = channel({
  summary: "The station's trips (a mobile team's: those it is a member of), newest first",
  write: false,
  input: z.strictObject({}),
  output: z.array(TripViewSchema),
});

export const tripsCandidates = channel({
  summary: 'Who may go on a trip (active mobile-team, clerk and supervisor accounts)',
  write: false,
  input: z.strictObject({}),
  output: z.array(z.strictObject({ id: UuidSchema, displayName: z.string(), role: RoleSchema })),
});

export const tripsCreate = channel({
  summary: 'Plan a trip: villages, dates, members',
  write: true,
  input: NewTripSchema,
  output: TripViewSchema,
});

export const tripsGet = channel({
  summary: 'One trip',
  write: false,
  input: z.strictObject({ tripId: UuidSchema }),
  output: TripViewSchema,
});

/** One thing the laptop must hold for the trip. */
export const ReadinessItemSchema = z.strictObject({
  key: z.enum(['roster', 'catalog', 'policy', 'calendar']),
  ok: z.boolean(),
  /** What was found, in Chinese (e.g. "张家村 128 人"). */
  detail: z.string(),
});

export const tripsReadiness = channel({
  summary: 'Whether the laptop holds what the trip needs (roster of its villages, catalog, policy tables, calendar)',
  write: false,
  input: z.strictObject({ tripId: UuidSchema }),
  output: z.strictObject({
    items: z.array(ReadinessItemSchema),
    villages: z.array(z.strictObject({ name: z.string(), regionCode: z.string().nullable(), persons: z.number().int().min(0) })),
    ready: z.boolean(),
    /** The station is connected to central (a sync can fetch what is missing). */
    connected: z.boolean(),
    lastSyncAt: z.string().nullable(),
  }),
});

export const tripsPrepare = channel({
  summary: 'Mark the trip prepared (its readiness checked and its checklist printed)',
  write: true,
  input: z.strictObject({ tripId: UuidSchema }),
  output: TripViewSchema,
});

export const tripsStart = channel({
  summary: 'Set out: the trip is on; from now on what its members take in belongs to it',
  write: true,
  input: z.strictObject({ tripId: UuidSchema }),
  output: TripViewSchema,
});

export const tripsEnd = channel({
  summary: "Come back: end the trip, its work gone to central by a sync or carried in a bundle",
  write: true,
  input: z.strictObject({ tripId: UuidSchema, endedWith: z.enum(TRIP_END_MODES) }),
  output: TripViewSchema,
});

export const tripsCurrent = channel({
  summary: "The trip the signed-in user is on (the on-trip indicator), or null",
  write: false,
  input: z.strictObject({}),
  output: TripViewSchema.nullable(),
});

export const TripReportSchema = z.strictObject({
  trip: TripViewSchema,
  /** Everyone seen: visited, or a case taken in for them. */
  people: z.array(z.strictObject({ personId: z.string(), name: z.string(), visits: z.number().int().min(0), cases: z.number().int().min(0) })),
  casesByItem: z.array(
    z.strictObject({
      itemCode: z.string(),
      itemName: LocalizedTextSchema,
      count: z.number().int().min(0),
      byStatus: z.partialRecord(CaseStatusSchema, z.number().int().min(0)),
    }),
  ),
  cases: z.array(
    z.strictObject({
      caseId: UuidSchema,
      caseNo: z.string(),
      itemName: LocalizedTextSchema,
      personName: z.string(),
      status: CaseStatusSchema,
      syncState: z.enum(['pending', 'synced', 'rejected']),
      centralNote: z.string().nullable(),
    }),
  ),
  /** 诉求 heard on the trip, with the visit they came from. */
  demands: z.array(DemandSchema.extend({ visitId: UuidSchema, personName: z.string(), visitedOn: LocalDateSchema })),
  /** What is still open: demands not resolved, cases not finished, changes central has not had yet. */
  open: z.strictObject({ demands: z.number().int().min(0), cases: z.number().int().min(0), unsynced: z.number().int().min(0) }),
  generatedAt: z.string(),
});
export type TripReport = z.infer<typeof TripReportSchema>;

export const tripsReport = channel({
  summary: 'The trip report: people seen, cases taken in by item, feedback heard, what is still open',
  write: true,
  input: z.strictObject({ tripId: UuidSchema }),
  output: TripReportSchema,
});
