import { z } from 'zod';
import { InstantSchema, LocalDateSchema, UuidSchema } from '../cases/model';

/**
 * A village trip of a mobile service team (医保基层服务队): the villages, the dates, the team, and — while it is on —
 * everything the team takes in belongs to it (cases and visit records).
 */

/** A village the trip goes to: its name as the roster's addresses spell it, and the 6-digit 医保区划 when known. */
export const VillageSchema = z.strictObject({
  name: z.string().trim().min(1, '请填写村名').max(50, '村名不能超过50个字'),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '区划代码应为6位数字')
    .nullable(),
});
export type Village = z.infer<typeof VillageSchema>;

export const TRIP_STATES = ['planned', 'active', 'ended'] as const;
export type TripState = (typeof TRIP_STATES)[number];
/** How the trip's work went back to central: synced online, or carried in a bundle (离线数据包). */
export const TRIP_END_MODES = ['sync', 'bundle'] as const;
export type TripEndMode = (typeof TRIP_END_MODES)[number];

export const TripSchema = z.strictObject({
  id: UuidSchema,
  name: z.string(),
  villages: z.array(VillageSchema),
  startDate: LocalDateSchema,
  endDate: LocalDateSchema,
  memberIds: z.array(UuidSchema),
  state: z.enum(TRIP_STATES),
  preparedAt: InstantSchema.nullable(),
  startedAt: InstantSchema.nullable(),
  endedAt: InstantSchema.nullable(),
  endedWith: z.enum(TRIP_END_MODES).nullable(),
  createdBy: UuidSchema,
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Trip = z.infer<typeof TripSchema>;

/** The input of a new trip: villages (1–20), dates in order, at least one member. */
export const NewTripSchema = z
  .strictObject({
    name: z.string().trim().min(1, '请填写行程名称').max(60, '行程名称不能超过60个字'),
    villages: z.array(VillageSchema).min(1, '请至少填写一个村').max(20, '一次行程最多20个村'),
    startDate: LocalDateSchema,
    endDate: LocalDateSchema,
    memberIds: z.array(UuidSchema).min(1, '请至少选择一名队员').max(20),
  })
  .refine((t) => t.endDate >= t.startDate, { message: '结束日期不能早于开始日期', path: ['endDate'] });
export type NewTrip = z.infer<typeof NewTripSchema>;

/**
 * Whether a person lives in a village of the trip: the address names the village, and (when the village has a
 * region code) the person is in that region.
 */
export function livesIn(person: { regionCode: string | null; address: string | null }, v: Village): boolean {
  if (v.regionCode !== null && person.regionCode !== v.regionCode) return false;
  return (person.address ?? '').includes(v.name);
}
