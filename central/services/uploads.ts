import { createHash } from 'node:crypto';
import { nowInstant } from '../../shared/time';
import type { UploadCreateRequest, UploadCreateResponse, UploadPatchResponse } from '../../shared/sync/uploads';
import type { StationRow, UploadRow } from '../store/types';
import type { CentralContext } from './context';
import { fail } from './errors';

/**
 * POST /v1/uploads: start (or resume) an upload, or learn that central already has the bytes. A station that
 * repeats the request (its answer was lost, or a proxy sent it twice) gets the same open upload: requests for
 * the same bytes of one station are serialised here, and a row another server process inserted first is taken.
 */
export async function createUpload(ctx: CentralContext, station: StationRow, req: UploadCreateRequest): Promise<{ created: boolean; body: UploadCreateResponse }> {
  const max = ctx.config.limits.maxUploadBytes;
  if (req.size > max) fail('payload-too-large', `附件过大（${req.size} 字节），单个附件上限为 ${max} 字节`, { field: 'size' });
  return ctx.locks.run(`upload-create:${station.id}:${req.sha256}`, async () => {
    if (await ctx.store.blobBySha(req.sha256)) return { created: false, body: { complete: true, sha256: req.sha256 } };
    const chunkMax = ctx.config.limits.chunkMaxBytes;
    const resume = (u: UploadRow) => ({ created: false, body: { complete: false as const, uploadId: u.id, offset: u.offset, chunkMax } });
    const open = await ctx.store.openUpload(station.id, req.sha256);
    if (open && open.size === req.size && open.offset === open.size) {
      // Every byte arrived but the upload was not finished (the database went away in between): finish it now.
      await ctx.locks.run(`upload:${open.id}`, () => finishUpload(ctx, open, open.offset));
      return { created: false, body: { complete: true, sha256: req.sha256 } };
    }
    if (open && open.size === req.size) return resume(open);
    if (open) {
      // Same hash, another size: the earlier declaration was wrong; start over.
      await ctx.blobs.discard(open.id);
      await ctx.store.deleteUpload(open.id);
    }
    const at = nowInstant(ctx.clock);
    const row: UploadRow = { id: ctx.newId(), stationId: station.id, sha256: req.sha256, size: req.size, mime: req.mime, offset: 0, createdAt: at, updatedAt: at };
    try {
      await ctx.store.insertUpload(row);
    } catch (e) {
      // (station, sha256) is unique: another server process opened this upload a moment ago.
      const other = await ctx.store.openUpload(station.id, req.sha256);
      if (other && other.size === req.size) return resume(other);
      throw e;
    }
    return { created: true, body: { complete: false, uploadId: row.id, offset: 0, chunkMax } };
  });
}

/**
 * A create that carries the whole attachment (a small scan in one request, 1.2): when central holds neither the
 * blob nor an upload of it under way for this station, the bytes are checked against their sha256 in memory and
 * stored as the blob at once — synced, renamed into place, its directory synced, then its row — with no upload row
 * to insert, read back and delete, and no partial file to read back and hash (two statements and a commit instead
 * of about ten and two). A mismatch is answered `checksum-mismatch` and leaves nothing behind (the station starts
 * over, as after a mismatched last chunk). Returns null when the ordinary create and chunk apply (an upload of these
 * bytes is under way, or the body is not the whole attachment).
 */
export async function createWhole(ctx: CentralContext, station: StationRow, req: UploadCreateRequest, bytes: Uint8Array): Promise<{ created: boolean; body: UploadCreateResponse } | null> {
  const max = ctx.config.limits.maxUploadBytes;
  if (req.size > max) fail('payload-too-large', `附件过大（${req.size} 字节），单个附件上限为 ${max} 字节`, { field: 'size' });
  if (bytes.byteLength !== req.size) return null;
  return ctx.locks.run(`upload-create:${station.id}:${req.sha256}`, async () => {
    const held = await ctx.store.uploadPresence(station.id, req.sha256);
    if (held.blob) return { created: false, body: { complete: true, sha256: req.sha256 } };
    if (held.upload) return null;
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== req.sha256) {
      fail('checksum-mismatch', `附件内容的 sha256 与声明的不符（收到 ${actual.slice(0, 12)}…），上传已作废，请从头重新上传`);
    }
    await ctx.blobs.put(req.sha256, bytes);
    await ctx.store.insertBlob({ sha256: req.sha256, size: req.size, mime: req.mime, createdAt: nowInstant(ctx.clock) });
    return { created: true, body: { complete: true, sha256: req.sha256 } };
  });
}

/** The station's own open upload, or 404 (someone else's uploads do not exist for it). */
export async function ownUpload(ctx: CentralContext, station: StationRow, id: string): Promise<UploadRow> {
  const row = await ctx.store.uploadById(id);
  if (!row || row.stationId !== station.id) fail('not-found', '上传不存在（可能已完成或已作废），请重新发起上传');
  return row;
}

/**
 * PATCH /v1/uploads/:id: one chunk at `offset`. The chunk is kept whole (synced to disk before the offset moves)
 * or not at all. With the last byte the sha256 is checked: a match stores the blob, a mismatch discards the
 * upload (offset back to 0).
 */
export async function patchUpload(ctx: CentralContext, station: StationRow, id: string, offset: number, chunk: Uint8Array): Promise<UploadPatchResponse> {
  return ctx.locks.run(`upload:${id}`, async () => {
    const row = await ownUpload(ctx, station, id);
    if (offset !== row.offset) fail('offset-mismatch', `上传位置不对：中心已收到 ${row.offset} 字节，请从该位置继续`, { offset: row.offset });
    if (row.offset + chunk.byteLength > row.size) {
      fail('invalid-request', `数据超出声明的附件大小（${row.size} 字节）`, { field: 'body' });
    }
    if (chunk.byteLength === 0) {
      // An empty chunk at the end: the upload had all its bytes but was not finished (see createUpload).
      if (row.offset === row.size) return finishUpload(ctx, row, row.offset);
      return { uploadId: id, offset: row.offset, complete: false };
    }
    const at = nowInstant(ctx.clock);
    const next = row.offset + chunk.byteLength;
    await ctx.blobs.writeChunk(id, row.offset, chunk);
    // The last chunk goes straight to the finish (one transaction less per attachment): if that is cut off, the
    // station sends the chunk again, and finishUpload takes the blob already promoted, re-hashed.
    if (next === row.size) return finishUpload(ctx, { ...row, offset: next }, row.offset);
    if (!(await ctx.store.advanceUpload(id, row.offset, next, at))) {
      const now = await ctx.store.uploadById(id);
      fail('offset-mismatch', '上传位置已变化，请查询当前位置后继续', { offset: now?.offset ?? 0 });
    }
    return { uploadId: id, offset: next, complete: false };
  });
}

async function sha256Of(stream: NodeJS.ReadableStream): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * An upload with all its bytes: check the sha256, store the blob, forget the upload. Each step may be cut off (the
 * database or the process goes away between them): doing it again finishes what is left — the bytes already
 * promoted to a blob (checked again before they are taken), the blob row already there — and never stores bytes
 * that do not hash to the sha256. Call under the upload's lock.
 */
async function finishUpload(ctx: CentralContext, row: UploadRow, dbOffset: number): Promise<UploadPatchResponse> {
  const at = nowInstant(ctx.clock);
  const done = async () => {
    await ctx.store.completeUpload(row.id, { sha256: row.sha256, size: row.size, mime: row.mime, createdAt: at });
    return { uploadId: row.id, offset: row.size, complete: true };
  };
  if (await ctx.store.blobBySha(row.sha256)) {
    await ctx.store.deleteUpload(row.id);
    return { uploadId: row.id, offset: row.size, complete: true };
  }
  if ((await ctx.blobs.has(row.sha256)) && (await sha256Of(await ctx.blobs.openRead(row.sha256))) === row.sha256) return done();
  const actual = await ctx.blobs.hashPart(row.id, row.size).catch(() => null);
  if (actual !== row.sha256) {
    await ctx.blobs.discard(row.id);
    await ctx.store.advanceUpload(row.id, dbOffset, 0, at);
    fail('checksum-mismatch', `附件内容的 sha256 与声明的不符（收到 ${actual === null ? '不完整的数据' : `${actual.slice(0, 12)}…`}），上传已作废，请从头重新上传`);
  }
  await ctx.blobs.promote(row.id, row.sha256);
  return done();
}
