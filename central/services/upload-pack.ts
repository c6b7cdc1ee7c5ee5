import { createHash } from 'node:crypto';
import { nowInstant } from '../../shared/time';
import type { PackEntry, PackResult } from '../../shared/sync/upload-pack';
import type { BlobRow, StationRow } from '../store/types';
import type { CentralContext } from './context';
import { fail } from './errors';

/**
 * POST /v1/uploads/pack (1.5): several small attachments, each whole, from one station — stored together: one look-up
 * of what central holds; each other blob checked against its sha256 in memory (a mismatch is answered
 * `checksum-mismatch` and not kept) and written whole (synced, renamed into place: `BlobStore.put`), all at once;
 * then their rows in one transaction, which also ends this station's open uploads of the same bytes (an earlier
 * chunked try: its partial file is dropped after, under its lock, so a chunk arriving meanwhile finds no upload).
 * Storing bytes twice is harmless (content addressing; rows kept if there), so a pack sent again, or beside a create
 * of the same bytes, stores nothing twice.
 */
export async function storePack(ctx: CentralContext, station: StationRow, blobs: readonly { entry: PackEntry; bytes: Uint8Array }[]): Promise<PackResult[]> {
  const max = ctx.config.limits.maxUploadBytes;
  blobs.forEach(({ entry }, i) => {
    if (entry.size > max) fail('payload-too-large', `附件过大（${entry.size} 字节），单个附件上限为 ${max} 字节`, { field: `blobs.${i}.size` });
  });
  const held = await ctx.store.blobsPresent(blobs.map((b) => b.entry.sha256));
  const status = new Map<string, PackResult['status']>();
  const fresh: { entry: PackEntry; bytes: Uint8Array }[] = [];
  for (const b of blobs) {
    if (held.has(b.entry.sha256)) status.set(b.entry.sha256, 'stored');
    else if (createHash('sha256').update(b.bytes).digest('hex') !== b.entry.sha256) status.set(b.entry.sha256, 'checksum-mismatch');
    else fresh.push(b);
  }
  if (fresh.length > 0) {
    await Promise.all(fresh.map((b) => ctx.blobs.put(b.entry.sha256, b.bytes)));
    const at = nowInstant(ctx.clock);
    const rows: BlobRow[] = fresh.map(({ entry }) => ({ sha256: entry.sha256, size: entry.size, mime: entry.mime, createdAt: at }));
    const finished = await ctx.store.insertBlobs(station.id, rows);
    for (const id of finished) await ctx.locks.run(`upload:${id}`, () => ctx.blobs.discard(id));
    for (const b of fresh) status.set(b.entry.sha256, 'stored');
  }
  return blobs.map(({ entry }) => ({ sha256: entry.sha256, status: status.get(entry.sha256)! }));
}
