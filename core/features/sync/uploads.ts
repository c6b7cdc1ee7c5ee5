import type { CoreContext } from '../../context';
import type { AttachmentRow } from '../../../db/repos/attachments';
import { blobFailureReason, markAttachmentDamaged } from '../cases/damage';
import { SyncFailure, type SyncHttp } from './http';
import { CREATE_WITH_CHUNK_SINCE } from '../../../shared/sync';
import { withRetry, type Backoff } from './retry';

export interface UploadProgress {
  sha256: string;
  sent: number;
  size: number;
}

/** Largest chunk the station sends (central may ask for less): a reset on a poor link costs at most this much. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
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
  let bytes: Buffer;
  try {
    bytes = ctx.blobs.readChecked(a.localPath);
    if (bytes.length !== a.size) throw new Error(`附件文件长度（${bytes.length} 字节）与登记的（${a.size} 字节）不符`);
  } catch (e) {
    markAttachmentDamaged(ctx, sha256, blobFailureReason(e));
    return 'damaged';
  }
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

export interface UploaderOptions {
  /** Blobs in flight at once (2–3 on a mobile link). */
  concurrency: number;
  /** The first chunk goes with the create (UploadBlobOptions.firstChunk). */
  firstChunk?: number;
  /** Each request: retried at once, then with a short backoff, before the round gives up. */
  retry: Backoff;
  onProgress?: (p: UploadProgress) => void;
}

/**
 * The uploads of one sync round: a queue of blobs, `concurrency` of them in flight at once, so the push goes on
 * while uploads for later cases continue. `need` moves blobs to the front and resolves when each is stored or
 * found damaged. A blob waiting out its per-request backoff (a failed request, retried after 50 ms … 1 s) gives
 * its place to the next blob meanwhile, and takes the next free place back before any blob not yet started: on a
 * link that loses half its requests the places are kept busy with requests instead of with waiting. Failures that
 * outlast the per-request retries end the round (every later `need` rejects with the first of them); a blob whose
 * rounds keep making no progress is marked damaged after NO_PROGRESS_LIMIT of them — counted across rounds by
 * `noProgress` — and the queue goes on.
 */
export class Uploader {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly results = new Map<string, Promise<UploadOutcome>>();
  private readonly waiters = new Map<string, { resolve: (o: UploadOutcome) => void; reject: (e: unknown) => void }>();
  /** Blobs holding a place (a request of theirs in flight, or about to be). */
  private running = 0;
  /** Blobs started and not finished: those holding a place and those waiting out a backoff. */
  private started = 0;
  /** Blobs back from a backoff, waiting for a place (served before blobs not yet started). */
  private readonly resuming: (() => void)[] = [];
  private failure: unknown = null;
  private closed = false;
  private readonly idle: (() => void)[] = [];
  uploaded = 0;

  constructor(
    private readonly ctx: CoreContext,
    private readonly http: SyncHttp,
    private readonly o: UploaderOptions,
    /** Rounds without progress per blob, kept by the engine from one sync round to the next. */
    private readonly noProgress: Map<string, number> = new Map(),
  ) {}

  /** End the round: blobs not started are dropped (their `need` rejects), those under way are waited for. */
  async close(): Promise<void> {
    this.closed = true;
    for (const sha of this.queue.splice(0)) {
      this.queued.delete(sha);
      this.waiters.get(sha)?.reject(new SyncFailure('protocol', '同步轮次已结束', true));
    }
    while (this.started > 0) await new Promise<void>((r) => this.idle.push(r));
  }

  /** Queue blobs (at the back) to be uploaded when a worker is free. */
  prefetch(shas: readonly string[]): void {
    for (const sha of shas) this.enqueue(sha, false);
    this.pump();
  }

  /** These blobs, first: resolves with each one's outcome (rejects once the round has failed). */
  async need(shas: readonly string[]): Promise<Map<string, UploadOutcome>> {
    for (const sha of [...shas].reverse()) this.enqueue(sha, true);
    this.pump();
    const out = new Map<string, UploadOutcome>();
    for (const sha of shas) out.set(sha, await this.results.get(sha)!);
    return out;
  }

  private enqueue(sha: string, front: boolean): void {
    if (this.results.has(sha) && !this.queued.has(sha)) return; // running or done
    if (this.queued.has(sha)) {
      if (!front) return;
      this.queue.splice(this.queue.indexOf(sha), 1);
    } else {
      const p = new Promise<UploadOutcome>((resolve, reject) => this.waiters.set(sha, { resolve, reject }));
      p.catch(() => undefined); // awaited by `need`, or dropped with the round
      this.results.set(sha, p);
      this.queued.add(sha);
    }
    if (front) this.queue.unshift(sha);
    else this.queue.push(sha);
  }

  private pump(): void {
    while (this.running < this.o.concurrency && this.resuming.length > 0) {
      this.running += 1;
      this.resuming.shift()!();
    }
    while (this.running < this.o.concurrency && this.queue.length > 0) {
      const sha = this.queue.shift()!;
      this.queued.delete(sha);
      const w = this.waiters.get(sha)!;
      if (this.failure !== null || this.closed) {
        w.reject(this.failure ?? new SyncFailure('protocol', '同步轮次已结束', true));
        continue;
      }
      this.running += 1;
      this.started += 1;
      void this.work(sha).then(
        (o) => w.resolve(o),
        (e: unknown) => {
          this.failure ??= e;
          w.reject(e);
        },
      ).finally(() => {
        this.running -= 1;
        this.started -= 1;
        if (this.started === 0) for (const r of this.idle.splice(0)) r();
        this.pump();
      });
    }
  }

  /** The per-request backoff of a blob under way: its place goes to the next blob while it waits. */
  private readonly backoffSleep = async (ms: number): Promise<void> => {
    this.running -= 1;
    this.pump();
    await this.o.retry.sleep(ms);
    await new Promise<void>((r) => {
      this.resuming.push(r);
      this.pump();
    });
  };

  private async work(sha: string): Promise<UploadOutcome> {
    const retry = { ...this.o.retry, sleep: this.backoffSleep };
    const outcome = await uploadBlob(this.ctx, this.http, sha, { onProgress: this.o.onProgress, retry, noProgress: this.noProgress, firstChunk: this.o.firstChunk });
    if (outcome === 'stored') this.uploaded += 1;
    return outcome;
  }
}
