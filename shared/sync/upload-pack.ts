import { z } from 'zod';
import { Sha256Schema } from './common';
import { MimeSchema } from './uploads';
import { ProtocolVersionSchema } from './version';

/**
 * Upload packs (since 1.5): several small attachments, each whole, in one request.
 *
 *   POST /v1/uploads/pack?protocol=1.5   Content-Type: application/x-attachment-pack
 *   body = [4 bytes: n, big-endian] [n bytes: the index, JSON {"blobs":[{sha256, size, mime}, …]}] [the bytes of the
 *          first blob] [the bytes of the second] …  — the sizes add up to the rest of the body exactly.
 *   → 200 {results: [{sha256, status}]} in the index's order: `stored` (central holds the bytes now, or held them
 *     already), `checksum-mismatch` (these bytes do not hash to their sha256: nothing kept of them).
 *
 * Why: on a link with a long round trip (a hotspot in the hills, a satellite link to an island) every request costs
 * its round trip whatever its size, so 500 scans one by one pay 500 of them. The station packs small scans up to the
 * bytes its link carries in about two seconds (core/features/sync/link-pace.ts), so a reset still costs little.
 * A pack is kept blob by blob: each is checked against its sha256 and stored whole, or not at all; sending the same
 * pack again (its answer was lost) stores nothing twice. An upload of the same bytes left open by an earlier chunked
 * try is finished by the pack (its partial bytes dropped).
 */

export const UPLOAD_PACK_CONTENT_TYPE = 'application/x-attachment-pack';
/** The minor since which central takes upload packs. */
export const UPLOAD_PACK_SINCE = 5;
/** Blobs in one pack at most. */
export const PACK_MAX_BLOBS = 64;
/** The index's bytes at most (64 entries take about 10 KB). */
export const PACK_INDEX_MAX_BYTES = 64 * 1024;

export const PackEntrySchema = z.strictObject({
  sha256: Sha256Schema,
  size: z.number().int().positive('附件不能为空').max(Number.MAX_SAFE_INTEGER),
  mime: MimeSchema,
});
export type PackEntry = z.infer<typeof PackEntrySchema>;

export const PackIndexSchema = z.strictObject({
  blobs: z
    .array(PackEntrySchema)
    .min(1, '上传包中没有附件')
    .max(PACK_MAX_BLOBS, `一个上传包最多 ${PACK_MAX_BLOBS} 个附件`)
    .refine((b) => new Set(b.map((e) => e.sha256)).size === b.length, '同一附件在上传包中出现了两次'),
});
export type PackIndex = z.infer<typeof PackIndexSchema>;

export const PackQuerySchema = z.strictObject({ protocol: ProtocolVersionSchema });

export const PackResultSchema = z.strictObject({
  sha256: Sha256Schema,
  status: z.enum(['stored', 'checksum-mismatch']),
});
export type PackResult = z.infer<typeof PackResultSchema>;

export const PackResponseSchema = z.strictObject({
  results: z.array(PackResultSchema),
});
export type PackResponse = z.infer<typeof PackResponseSchema>;

/** The request body of a pack: its index and the blobs' bytes, in the index's order. */
export function encodePack(blobs: readonly { entry: PackEntry; bytes: Uint8Array }[]): Uint8Array {
  const index = new TextEncoder().encode(JSON.stringify({ blobs: blobs.map((b) => b.entry) }));
  const total = 4 + index.byteLength + blobs.reduce((n, b) => n + b.bytes.byteLength, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, index.byteLength, false);
  out.set(index, 4);
  let at = 4 + index.byteLength;
  for (const b of blobs) {
    out.set(b.bytes, at);
    at += b.bytes.byteLength;
  }
  return out;
}

export type DecodedPack = { ok: true; blobs: { entry: PackEntry; bytes: Uint8Array }[] } | { ok: false; message: string };

/** Read a pack body; a malformed one is refused with the reason (nothing of it is taken). */
export function decodePack(body: Uint8Array): DecodedPack {
  if (body.byteLength < 4) return { ok: false, message: '上传包过短，缺少索引长度' };
  const n = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(0, false);
  if (n === 0 || n > PACK_INDEX_MAX_BYTES || 4 + n > body.byteLength) return { ok: false, message: `上传包的索引长度（${n} 字节）无效` };
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(4, 4 + n)));
  } catch {
    return { ok: false, message: '上传包的索引不是有效的 JSON' };
  }
  const index = PackIndexSchema.safeParse(raw);
  if (!index.success) {
    const issue = index.error.issues[0]!;
    const where = issue.path.length > 0 ? `（${issue.path.join('.')}）` : '';
    return { ok: false, message: `上传包的索引有误${where}：${issue.message}` };
  }
  const declared = index.data.blobs.reduce((s, e) => s + e.size, 0);
  const rest = body.byteLength - 4 - n;
  if (declared !== rest) return { ok: false, message: `上传包声明的附件共 ${declared} 字节，实际收到 ${rest} 字节` };
  let at = 4 + n;
  const blobs = index.data.blobs.map((entry) => {
    const bytes = body.subarray(at, at + entry.size);
    at += entry.size;
    return { entry, bytes };
  });
  return { ok: true, blobs };
}
