import { z } from 'zod';
import { InstantSchema, Sha256Schema, UuidSchema, StationCodeSchema } from './common';
import { PushOpSchema } from './ops';
import { MimeSchema } from './uploads';

/**
 * A USB bundle (离线数据包): a mobile team's pending ops and the attachments they name, as one file carried to an
 * online station or to central. Same opIds and seqs as a push, so importing it twice — or after part of it went
 * up online — applies nothing twice (central answers those ops `duplicate`).
 *
 * Format 2 (protocol 1.2): only the station can make it, only central can read it.
 *
 *   "YBBUNDLE/2\n" ‖ JSON(header) "\n" ‖ AES-256-GCM ciphertext ‖ GCM tag (16) ‖ Ed25519 signature (64)
 *
 * - Sealed for central: an ephemeral X25519 key pair per bundle; the AES key is HKDF-SHA256 of the X25519 shared
 *   secret with central's bundle key, salt = the bundle id, info = BUNDLE_KDF_INFO ‖ ephemeral public key ‖
 *   central's public key (both raw, 32 bytes). The magic line and the header line are the GCM associated data.
 *   Nobody but central (its private key is not in its database) can read the file.
 * - Signed by the station: Ed25519 over every byte before the signature, with the station's signing key (its
 *   private half never leaves the station's store; central keeps the public half, registered at enrollment). Central
 *   checks the signature before it does anything else, so a file altered in one byte, made by someone else, or
 *   presented as another station's changes nothing.
 * - The plaintext: a 4-byte big-endian length, the manifest JSON ({ops, blobs: [{sha256, mime, size}]}), then the
 *   attachments' bytes one after another in the manifest's order.
 *
 * Format 1 (key derived from the station's credential hash, which central's database holds) is refused.
 */
export const BUNDLE_FORMAT = 2;
export const BUNDLE_MAGIC = 'YBBUNDLE/2\n';
/** Every format's magic starts so; an older one is refused by name. */
export const BUNDLE_MAGIC_PREFIX = 'YBBUNDLE/';
export const BUNDLE_KDF_INFO = 'yibao-workstation offline bundle v2';
export const BUNDLE_CONTENT_TYPE = 'application/vnd.yibao.bundle';
export const BUNDLE_SIGNATURE_BYTES = 64;
export const BUNDLE_TAG_BYTES = 16;
/** Largest bundle a station or central accepts. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;
/** What central answers for a file of an older format. */
export const OLD_BUNDLE_MESSAGE = '这是旧格式的离线数据包（未签名），中心已不再接受：请用新版本重新导出';

const b64 = (bytes: number, what: string) =>
  z
    .string()
    .length(Math.ceil(bytes / 3) * 4, `${what}应为 ${bytes} 字节的 base64`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, `${what}应为 base64`);

/** A key's id: the sha256 (hex) of its public key in SPKI DER. */
export const KeyIdSchema = z.string().regex(/^[0-9a-f]{64}$/, '密钥标识应为 64 位小写十六进制');

export const BundleHeaderSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  bundleId: UuidSchema,
  stationId: UuidSchema,
  stationCode: StationCodeSchema,
  createdAt: InstantSchema,
  firstSeq: z.number().int().positive(),
  lastSeq: z.number().int().positive(),
  opCount: z.number().int().positive(),
  blobCount: z.number().int().min(0),
  /** Attachment bytes in the file (what the screen shows before importing). */
  blobBytes: z.number().int().min(0),
  /** The station's signing key (its id at central). */
  signer: KeyIdSchema,
  signature: z.literal('ed25519'),
  /** Central's bundle key the file is sealed for. */
  recipient: KeyIdSchema,
  cipher: z.literal('x25519-hkdf-sha256-aes-256-gcm'),
  /** The ephemeral X25519 public key, raw 32 bytes. */
  ephemeralKey: b64(32, 'ephemeralKey '),
  /** 12-byte GCM nonce. */
  iv: b64(12, 'iv '),
});
export type BundleHeader = z.infer<typeof BundleHeaderSchema>;

export const BundleBlobSchema = z.strictObject({
  sha256: Sha256Schema,
  mime: MimeSchema,
  size: z.number().int().min(0),
});

export const BundleManifestSchema = z.strictObject({
  ops: z.array(PushOpSchema).min(1).max(1_000_000),
  blobs: z.array(BundleBlobSchema).max(100_000),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

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
  /** Per op, in the file's order: what central did with it (rejections name their reason). */
  results: z
    .array(
      z.object({
        seq: z.number().int().positive(),
        kind: z.string(),
        caseId: UuidSchema.nullable(),
        caseNo: z.string().nullable(),
        status: z.enum(['applied', 'duplicate', 'rejected']),
        code: z.string().nullable(),
        message: z.string().nullable(),
      }),
    )
    .optional(),
});
export type BundleImportResult = z.infer<typeof BundleImportResultSchema>;

/** The header of a bundle file, without any key: what a relaying station may show before handing it on. */
export function readBundleHeader(bytes: Uint8Array): { header: BundleHeader } | { error: string } {
  const prefix = new TextEncoder().encode(BUNDLE_MAGIC_PREFIX);
  const starts = (p: Uint8Array) => bytes.length >= p.length && p.every((b, i) => bytes[i] === b);
  if (!starts(prefix)) return { error: '不是离线数据包文件（文件头不对）' };
  const magic = new TextEncoder().encode(BUNDLE_MAGIC);
  if (!starts(magic)) return { error: OLD_BUNDLE_MESSAGE };
  const end = bytes.indexOf(0x0a, magic.length);
  if (end < 0) return { error: '离线数据包已损坏（缺少包头）' };
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(bytes.subarray(magic.length, end)));
  } catch {
    return { error: '离线数据包已损坏（包头不是有效的 JSON）' };
  }
  const header = BundleHeaderSchema.safeParse(raw);
  if (!header.success) return { error: `离线数据包的包头格式不对（${header.error.issues[0]?.path.join('.') ?? ''}）` };
  return { header: header.data };
}
