import { z } from 'zod';
import { ProtocolVersionSchema } from './version';
import { InstantSchema, RegionCodeSchema, StationCodeSchema, UuidSchema } from './common';

/**
 * POST /v1/stations/enroll — once per installation, with the one-time code the back office issued for the
 * station code. Answers the credential (shown once; central keeps only its hash). Every later request carries
 * it as `Authorization: Bearer <credential>`.
 *
 * Re-enrolling (a reinstalled station) keeps the station id and its lastSeq, and revokes the old credential.
 * A station whose outbox is empty starts its seq at `lastSeq + 1` — otherwise its first ops would be taken
 * for duplicates (central answers those with `seq-reused`).
 */
export const EnrollRequestSchema = z.strictObject({
  protocol: ProtocolVersionSchema,
  stationCode: StationCodeSchema,
  code: z.string().trim().min(1, '请填写开通码').max(32),
  /** The workstation's version, for the back office. */
  appVersion: z.string().max(64).optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

export const StationInfoSchema = z.object({
  stationId: UuidSchema,
  stationCode: StationCodeSchema,
  stationName: z.string(),
  regionCode: RegionCodeSchema,
  lastSeq: z.number().int().min(0),
});
export type StationInfo = z.infer<typeof StationInfoSchema>;

export const EnrollResponseSchema = StationInfoSchema.extend({
  credential: z.string().min(32),
  serverTime: InstantSchema,
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;
