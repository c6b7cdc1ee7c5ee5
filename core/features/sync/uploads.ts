import type { CoreContext } from '../../context';
import type { AttachmentRow } from '../../../db/repos/attachments';
import { blobFailureReason, markAttachmentDamaged } from '../cases/damage';
import { SyncFailure, type SyncHttp } from './http';
import { CREATE_WITH_CHUNK_SINCE } from '../../../shared/sync';
import { withRetry, type Backoff } from './retry';
import { UPLOAD_CHUNK_BYTES } from './link-pace';

export interface UploadProgress {
  sha256: string;
  sent: number;
  size: number;
}

/** Rounds in a row in which central took none of a blob's bytes before the blob is marked damaged. */
export const NO_PROGRESS_LIMIT = 3;

/** What became of one blob. */
export type UploadOutcome = 'stored' | 'damaged';

/** A round of an upload in which central took nothing (its offset did not move): an error with backoff. */
export class NoProgress extends SyncFailure {
  constructor(message: string) {
    super('protocol', message, true);
    this.name = 'NoProgress';
  }
}

/** NO_PROGRESS_LIMIT rounds without progress: the blob is given up as damaged (not retried). */
class GiveUp extends Error {}

export interface UploadBlobOptions {
  onProgress?: (p: UploadProgress) => void;
  /**
   * Central takes the first chunk with the create (1.2): this many bytes at most (central's chunkMax, from its
   * health answer). Absent: create, then PATCH.
   */
  firstChunk?: number;
  /** Each request retried at once, then with a short backoff (none: one try). */
  retry?: Backoff;
  /** Rounds without progress per blob, kept from one call (or sync round) to the next. */
  noProgress?: Map<string, number>;
}

/**
 * An attachment's bytes as kept here, read whole and proven (decrypted and authenticated, the registered length):
 * what goes up. Bytes that cannot be are marked damaged on their cases (需重新扫描) and null comes back.
 */
export function provenBytes(ctx: CoreContext, a: Pick<AttachmentRow, 'sha256' | 'localPath' | 'size'>): Buffer | null {
  try {
    const bytes = ctx.blobs.readChecked(a.localPath);
    if (bytes.length !== a.size) throw new Error(`附件文件长度（${bytes.length} 字节）与登记的（${a.size} 字节）不符`);
    return bytes;
  } catch (e) {
    markAttachmentDamaged(ctx, a.sha256, blobFailureReason(e));
    return null;
  }
}

/**
 * Upload one blob, resumably: the bytes are read whole and proven (authenticated, sha256 and size computed again)
 * before anything is sent; then create (or find) the upload and PATCH chunks from central's offset. After a drop
 * the next try asks central again and continues where it stopped; central checks the sha256 at the end. An upload
 * central no longer knows (404: a repeated last chunk already completed it, or it was voided) is asked for again.
 *
 * Bytes that cannot be read whole and intact are marked damaged on their cases (需重新扫描, with the reason) at
 * once: answers 'damaged' and sends nothing. A round in which a chunk moved central's offset by nothing is an error
 * (NoProgress, retried with backoff); after NO_PROGRESS_LIMIT of them the blob is marked damaged too.
 */
export async function uploadBlob(ctx: CoreContext, http: SyncHttp, sha256: string, o: UploadBlobOptions = {}): Promise<UploadOutcome> {
  const a = ctx.repos.attachments.bySha256(sha256);
  if (!a) throw new SyncFailure('protocol', `中心要求的附件（${sha256.slice(0, 12)}…）本站没有`, false);
  if (a.uploadState === 'stored') return 'stored';
  if (a.damaged !== null) return 'damaged';
  const bytes = provenBytes(ctx, a);
  if (!bytes) return 'damaged';
  const counts = o.noProgress ?? new Map<string, number>();
  // Once central holds part of the upload, a retry asks for its offset without re-sending the first chunk.
  const seen = { offset: a.uploadState === 'uploading' ? 1 : 0 };
  const once = async (): Promise<void> => {
    for (let notFound = 0; ; notFound++) {
      try {
        return await uploadOnce(ctx, http, a, bytes, o.onProgress, seen.offset === 0 ? o.firstChunk : undefined, seen);
      } catch (e) {
        // Central forgot the upload (completed by a repeated chunk, or voided): ask again at once, twice at most.
        if (e instanceof SyncFailure && e.status === 404 && e.body?.code === 'not-found' && notFound < 2) continue;
        if (e instanceof NoProgress) {
          const n = (counts.get(sha256) ?? 0) + 1;
          counts.set(sha256, n);
          if (n >= NO_PROGRESS_LIMIT) throw new GiveUp(`连续 ${n} 次上传中心都没有收下数据（${e.message}）`);
        }
        throw e;
      }
    }
  };
  try {
    if (o.retry) await withRetry(o.retry, once);
    else await once();
  } catch (e) {
    if (!(e instanceof GiveUp)) throw e;
    counts.delete(sha256);
    markAttachmentDamaged(ctx, sha256, e.message);
    return 'damaged';
  }
  counts.delete(sha256);
  return 'stored';
}

/** Create (or find) the upload, with its first chunk when central takes one (1.2) and it fits central's chunkMax. */
async function create(http: SyncHttp, a: AttachmentRow, bytes: Buffer, firstChunk: number | undefined) {
  if (firstChunk === undefined || firstChunk <= 0 || http.speaks < CREATE_WITH_CHUNK_SINCE) return http.uploadCreate(a.sha256, a.size, a.mime);
  try {
    return await http.uploadCreateWith(a.sha256, a.size, a.mime, bytes.subarray(0, Math.min(firstChunk, UPLOAD_CHUNK_BYTES)));
  } catch (e) {
    // Central's chunk limit is lower than it said: the plain create.
    if (e instanceof SyncFailure && e.status === 413) return http.uploadCreate(a.sha256, a.size, a.mime);
    throw e;
  }
}

async function uploadOnce(
  ctx: CoreContext,
  http: SyncHttp,
  a: AttachmentRow,
  bytes: Buffer,
  onProgress: ((p: UploadProgress) => void) | undefined,
  firstChunk: number | undefined,
  seen: { offset: number },
): Promise<void> {
  const { sha256 } = a;
  let created;
  try {
    created = await create(http, a, bytes, firstChunk);
  } catch (e) {
    if (e instanceof SyncFailure && e.body?.code === 'checksum-mismatch') throw new NoProgress(`附件“${a.fileName}”上传后中心校验不符，已从头重传`);
    throw e;
  }
  if (created.complete) {
    ctx.repos.attachments.setUploadState(sha256, 'stored', a.size);
    onProgress?.({ sha256, sent: a.size, size: a.size });
    return;
  }
  let offset = created.offset;
  seen.offset = Math.max(seen.offset, offset);
  const chunkMax = Math.max(1, Math.min(created.chunkMax, UPLOAD_CHUNK_BYTES));
  ctx.repos.attachments.setUploadState(sha256, 'uploading', offset);
  while (offset < a.size) {
    const chunk = bytes.subarray(offset, Math.min(a.size, offset + chunkMax));
    let r;
    try {
      r = await http.uploadChunk(created.uploadId, offset, chunk);
    } catch (e) {
      if (e instanceof SyncFailure && e.body?.code === 'offset-mismatch' && e.body.offset !== undefined) {
        offset = e.body.offset;
        continue;
      }
      if (e instanceof SyncFailure && e.body?.code === 'checksum-mismatch') {
        // Central computed another sha256 over what it received, though these bytes hash right here.
        ctx.repos.attachments.setUploadState(sha256, 'pending', 0);
        throw new NoProgress(`附件“${a.fileName}”上传后中心校验不符，已从头重传`);
      }
      ctx.repos.attachments.setUploadState(sha256, 'uploading', offset);
      throw e;
    }
    if (!r.complete && r.offset <= offset) {
      // A chunk that advanced nothing: never send it again in a loop.
      ctx.repos.attachments.setUploadState(sha256, 'uploading', r.offset);
      throw new NoProgress(`附件“${a.fileName}”的上传没有进展（中心停在第 ${r.offset} 字节）`);
    }
    offset = r.offset;
    seen.offset = Math.max(seen.offset, offset);
    ctx.repos.attachments.setUploadState(sha256, 'uploading', offset);
    onProgress?.({ sha256, sent: offset, size: a.size });
    if (r.complete) break;
  }
  ctx.repos.attachments.setUploadState(sha256, 'stored', a.size);
  onProgress?.({ sha256, sent: a.size, size: a.size });
}
