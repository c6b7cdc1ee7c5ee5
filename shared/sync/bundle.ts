import { z } from 'zod';
import { InstantSchema, Sha256Schema, UuidSchema, StationCodeSchema } from './common';
import { PushOpSchema } from './ops';
import { MimeSchema } from './uploads';

/**
 * A USB bundle (离线数据包): a mobile team's pending ops and the attachments they name, as one file carried
 * to an online station or to central. Same opIds and seqs as a push, so importing it twice — or after part
 * of it went up online — applies nothing twice (central answers those ops `duplicate`).
 *
 * File layout: the magic line, one line of header JSON, then the sealed payload:
 *   "YBBUNDLE/1\n" + JSON(header) + "\n" + AES-256-GCM(ciphertext ‖ 16-byte tag)
 * The header is authenticated as associated data. The key is HKDF-SHA256 of sha256(station credential) — which
 * both the station and central hold — with the bundle id as salt and BUNDLE_KEY_INFO as info. Whoever carries
 * or relays the file can neither read nor alter it; central knows which station made it.
 */
export const BUNDLE_MAGIC = 'YBBUNDLE/1\n';
export const BUNDLE_KEY_INFO = 'yibao-workstation offline bundle v1';
export const BUNDLE_CONTENT_TYPE = 'application/vnd.yibao.bundle';
/** Largest bundle a station or central accepts. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

export const BundleHeaderSchema = z.strictObject({
  format: z.literal(1),
  bundleId: UuidSchema,
  stationId: UuidSchema,
  stationCode: StationCodeSchema,
  createdAt: InstantSchema,
  firstSeq: z.number().int().positive(),
  lastSeq: z.number().int().positive(),
  opCount: z.number().int().positive(),
  blobCount: z.number().int().min(0),
  cipher: z.literal('aes-256-gcm'),
  kdf: z.literal('hkdf-sha256'),
  /** 12-byte GCM nonce, base64. */
  iv: z.string().regex(/^[A-Za-z0-9+/]{16}$/, 'iv 应为 12 字节的 base64'),
});
export type BundleHeader = z.infer<typeof BundleHeaderSchema>;

export const BundleBlobSchema = z.strictObject({
  sha256: Sha256Schema,
  mime: MimeSchema,
  size: z.number().int().min(0),
  dataBase64: z.string(),
});

export const BundlePayloadSchema = z.strictObject({
  ops: z.array(PushOpSchema).min(1).max(1_000_000),
  blobs: z.array(BundleBlobSchema).max(100_000),
});
export type BundlePayload = z.infer<typeof BundlePayloadSchema>;

/** What importing a bundle did (at central, or relayed by an online station). */
export const BundleImportResultSchema = z.object({
  bundleId: UuidSchema,
  stationCode: StationCodeSchema,
  ops: z.number().int().min(0),
  applied: z.number().int().min(0),
  duplicate: z.number().int().min(0),
  rejected: z.number().int().min(0),
  blobsStored: z.number().int().min(0),
  lastSeq: z.number().int().min(0),
});
export type BundleImportResult = z.infer<typeof BundleImportResultSchema>;
