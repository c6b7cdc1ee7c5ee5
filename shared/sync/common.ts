import { z } from 'zod';
import { UuidSchema, InstantSchema, LocalDateSchema } from '../cases/model';
import { RegionCodeSchema, StationCodeSchema } from '../api/channels/setup';

export { UuidSchema, InstantSchema, LocalDateSchema };

/** Lower-case hex SHA-256 of an attachment's bytes: its name everywhere (content addressing). */
export const Sha256Schema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'sha256 应为 64 位小写十六进制')
  .meta({ description: 'SHA-256 of the bytes, 64 lower-case hex digits.' });

/** 医保区划 (6 digits) and the station code (4–12 upper-case letters or digits), as the station set-up uses them. */
export { RegionCodeSchema, StationCodeSchema };

/** Opaque pull cursor (today the decimal id of the last change seen; "0" = from the start). */
export const CursorSchema = z
  .string()
  .regex(/^\d{1,18}$/, '同步游标格式不对')
  .meta({ description: 'Opaque position in the change log. Start with "0" (or omit it).' });

/** Integer money in fen. */
export const FenSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Limits every party agrees on (the server may be configured lower; it says so in /v1/health). */
export const SYNC_LIMITS = {
  /** Ops per push request. */
  maxOpsPerPush: 500,
  /** Changes per pull page. */
  maxPullLimit: 1000,
  defaultPullLimit: 200,
  /** Attachments referenced by one case op. */
  maxAttachmentsPerOp: 200,
} as const;
