import { createHash } from 'node:crypto';
import { nowInstant } from '../../shared/time';
import type { PackEntry, PackResult } from '../../shared/sync/upload-pack';
import type { StationRow } from '../store/types';
import type { CentralContext } from './context';
import { fail } from './errors';

/**
 * POST /v1/uploads/pack (1.5): several small attachments, each whole, from one station. Each is taken on its own,
 * under the same per-station lock as a create of the same bytes: a blob central holds is `stored` at once; other
 * bytes are checked against their sha256 in memory and stored as the blob (synced and renamed into place, then its
 * row) — or answered `checksum-mismatch` and not kept. An upload of the same bytes this station left open (an
 * earlier chunked try) is finished by them: its row goes with the blob's insert, its partial file after.
 */
export async function storePack(ctx: CentralContext, station: StationRow, blobs: readonly { entry: PackEntry; bytes: Uint8Array }[]): Promise<PackResult[]> {
  const max = ctx.config.limits.maxUploadBytes;
  blobs.forEach(({ entry }, i) => {
    if (entry.size > max) fail('payload-too-large', `附件过大（${entry.size} 字节），单个附件上限为 ${max} 字节`, { field: `blobs.${i}.size` });
  });
  const out: PackResult[] = [];
  for (const { entry, bytes } of blobs) out.push({ sha256: entry.sha256, status: await storeOne(ctx, station, entry, bytes) });
  return out;
}

async function storeOne(ctx: CentralContext, station: StationRow, entry: PackEntry, bytes: Uint8Array): Promise<PackResult['status']> {
  return ctx.locks.run(`upload-create:${station.id}:${entry.sha256}`, async () => {
    const held = await ctx.store.uploadPresence(station.id, entry.sha256);
    if (held.blob) return 'stored';
    if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256) return 'checksum-mismatch';
    await ctx.blobs.put(entry.sha256, bytes);
    const row = { sha256: entry.sha256, size: entry.size, mime: entry.mime, createdAt: nowInstant(ctx.clock) };
    const open = held.upload ? await ctx.store.openUpload(station.id, entry.sha256) : null;
    if (open) {
      await ctx.locks.run(`upload:${open.id}`, async () => {
        await ctx.store.completeUpload(open.id, row);
        await ctx.blobs.discard(open.id);
      });
    } else {
      await ctx.store.insertBlob(row);
    }
    return 'stored';
  });
}
