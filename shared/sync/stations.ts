import { z } from 'zod';
import { ProtocolVersionSchema } from './version';
import { InstantSchema, RegionCodeSchema, StationCodeSchema, UuidSchema } from './common';
import { KeyIdSchema } from './bundle';

/** An Ed25519 public key in SPKI DER (44 bytes), base64: the key a station signs its bundles with (1.2). */
export const SigningKeySchema = z
  .string()
  .length(60, 'signingKey 应为 Ed25519 公钥（SPKI DER，44 字节）的 base64')
  .regex(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/, 'signingKey 应为 Ed25519 公钥（SPKI DER，44 字节）的 base64');

/** Central's X25519 public key (SPKI DER, 44 bytes, base64) that bundles are sealed for, and its id (1.2). */
export const CentralBundleKeySchema = z.object({
  keyId: KeyIdSchema,
  publicKey: z
    .string()
    .length(60)
    .regex(/^MCowBQYDK2VuAyEA[A-Za-z0-9+/]{43}=$/, 'publicKey 应为 X25519 公钥（SPKI DER，44 字节）的 base64'),
});
export type CentralBundleKey = z.infer<typeof CentralBundleKeySchema>;

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
  /**
   * Since 1.2: the station's new signing key. Central keeps it (only the public key) as the station's one active
   * key; a key the station had before is kept as retired — bundles it signed before still import, once.
   */
  signingKey: SigningKeySchema.optional(),
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
  /** Since 1.2, when the request carried a signing key: its id at central. */
  signingKeyId: KeyIdSchema.optional(),
  /** Since 1.2: the key the station seals its bundles for. */
  centralKey: CentralBundleKeySchema.optional(),
});
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

/**
 * PUT /v1/stations/me/signing-key (1.2) — a station enrolled before 1.2 registers its first signing key with its
 * credential. Refused (409 `conflict`) when the station has an active key already: a new key comes only with a
 * new enrollment (a one-time code from the back office).
 */
export const SigningKeyRequestSchema = z.strictObject({
  protocol: ProtocolVersionSchema,
  signingKey: SigningKeySchema,
});
export type SigningKeyRequest = z.infer<typeof SigningKeyRequestSchema>;

export const SigningKeyResponseSchema = z.object({
  signingKeyId: KeyIdSchema,
  centralKey: CentralBundleKeySchema,
});
export type SigningKeyResponse = z.infer<typeof SigningKeyResponseSchema>;
