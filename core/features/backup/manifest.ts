import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { STORE_CIPHERS } from '../../../db/cipher';
import { RecoveryWrapSchema } from '../../keys/envelope';
import { StationSchema } from '../../../shared/api/channels/setup';
import { InstantSchema } from '../../../shared/cases/model';

/**
 * A backup is a folder `yibao-backup-<station>-<yyyymmdd-hhmmss>/` holding
 *   station.sqlite   the store at one instant, encrypted with the station's data key (as the live store)
 *   attachments/     the attachment files as stored (each already encrypted: db/blobs)
 *   manifest.json    this: what is inside, with hashes, the recovery key's seal of the data key (so the recovery
 *                    key alone restores it on a new computer), and an HMAC under a key derived from the data key
 *                    (a changed manifest, or one from another station, is refused before anything is restored).
 */
export const MANIFEST = 'manifest.json';
export const BACKUP_PREFIX = 'yibao-backup-';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestBodySchema = z.strictObject({
  format: z.literal('yibao-backup'),
  version: z.literal(1),
  station: StationSchema,
  createdAt: InstantSchema,
  createdBy: z.string().nullable(),
  /** The store file's cipher (db/cipher): aegis, or an older one (chacha20, sqlcipher4) in backups made before it. */
  cipher: z.enum(STORE_CIPHERS),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  recovery: RecoveryWrapSchema,
  schemaVersion: z.number().int().min(1),
  store: z.strictObject({ file: z.literal('station.sqlite'), bytes: z.number().int().min(1), sha256: Sha256 }),
  counts: z.strictObject({ persons: z.number().int().min(0), cases: z.number().int().min(0), attachments: z.number().int().min(0), auditRows: z.number().int().min(0) }),
  auditHead: z.strictObject({ id: z.number().int(), hash: Sha256 }).nullable(),
  blobs: z.array(z.strictObject({ sha256: Sha256, bytes: z.number().int().min(0) })),
});
export type ManifestBody = z.infer<typeof ManifestBodySchema>;

export const ManifestSchema = ManifestBodySchema.extend({ mac: z.string().regex(/^[0-9a-f]{64}$/) });
export type Manifest = z.infer<typeof ManifestSchema>;

function macOf(body: ManifestBody, macKey: Uint8Array): string {
  return createHmac('sha256', macKey).update(JSON.stringify(ManifestBodySchema.parse(body))).digest('hex');
}

export function signManifest(body: ManifestBody, macKey: Uint8Array): Manifest {
  return { ...body, mac: macOf(body, macKey) };
}

export function manifestMacOk(m: Manifest, macKey: Uint8Array): boolean {
  const { mac, ...body } = m;
  const want = Buffer.from(macOf(body, macKey), 'hex');
  const got = Buffer.from(mac, 'hex');
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The manifest of the backup folder `dir`, or null when `dir` is not a backup (or its manifest is unreadable). */
export function readManifest(dir: string): Manifest | null {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return null;
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
