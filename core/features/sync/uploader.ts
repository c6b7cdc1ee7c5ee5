import type { CoreContext } from '../../context';
import { PACK_MAX_BLOBS, UPLOAD_PACK_SINCE } from '../../../shared/sync/upload-pack';
import { SyncFailure, type SyncHttp } from './http';
import { LinkPace, UPLOAD_CHUNK_BYTES } from './link-pace';
import type { Backoff } from './retry';
import { uploadPacked } from './upload-pack';
import { uploadBlob, type UploadOutcome, type UploadProgress } from './uploads';

export interface UploaderOptions {
  /** Places: uploads in flight at once, each one blob or one pack (2–3 on a mobile link). */
  concurrency: number;
  /** The first chunk goes with the create (UploadBlobOptions.firstChunk). */
  firstChunk?: number;
  /** Each request: retried at once, then with a short backoff, before the round gives up. */
  retry: Backoff;
  onProgress?: (p: UploadProgress) => void;
  /** The link's measured pace (kept by the engine across rounds): sizes the packs of small blobs. */
  pace?: LinkPace;
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
 *
 * To a central that speaks 1.5, small blobs go up in packs (upload-pack.ts): a place that frees takes the next blob
 * and, after it, as many of the following ones as fit in the bytes the link carries in about two seconds
 * (LinkPace) — on a link with a long round trip, several scans pay one. A blob larger than that goes alone, in
 * chunks.
 */
export class Uploader {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly results = new Map<string, Promise<UploadOutcome>>();
  private readonly waiters = new Map<string, { resolve: (o: UploadOutcome) => void; reject: (e: unknown) => void }>();
  /** Uploads (a blob or a pack) holding a place (a request of theirs in flight, or about to be). */
  private running = 0;
  /** Uploads started and not finished: those holding a place and those waiting out a backoff. */
  private started = 0;
  /** Blobs back from a backoff, waiting for a place (served before blobs not yet started). */
  private readonly resuming: (() => void)[] = [];
  private failure: unknown = null;
  private closed = false;
  private readonly idle: (() => void)[] = [];
  private readonly pace: LinkPace;
  uploaded = 0;

  constructor(
    private readonly ctx: CoreContext,
    private readonly http: SyncHttp,
    private readonly o: UploaderOptions,
    /** Rounds without progress per blob, kept by the engine from one sync round to the next. */
    private readonly noProgress: Map<string, number> = new Map(),
  ) {
    this.pace = o.pace ?? new LinkPace();
  }

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
      if (this.failure !== null || this.closed) {
        this.waiters.get(sha)!.reject(this.failure ?? new SyncFailure('protocol', '同步轮次已结束', true));
        continue;
      }
      const group = this.packFrom(sha);
      this.running += 1;
      this.started += 1;
      void this.work(group).then(
        (outcomes) => {
          for (const s of group.shas) this.waiters.get(s)!.resolve(outcomes.get(s)!);
        },
        (e: unknown) => {
          this.failure ??= e;
          for (const s of group.shas) this.waiters.get(s)!.reject(e);
        },
      ).finally(() => {
        this.running -= 1;
        this.started -= 1;
        if (this.started === 0) for (const r of this.idle.splice(0)) r();
        this.pump();
      });
    }
  }

  /**
   * What the next place carries: `first` alone, in chunks (a central before 1.5, or a blob larger than a pack), or a
   * pack of `first` and the blobs queued right after it that fit with it (taken off the queue).
   */
  private packFrom(first: string): { shas: string[]; pack: boolean } {
    if (this.http.speaks < UPLOAD_PACK_SINCE) return { shas: [first], pack: false };
    const budget = this.pace.packBytes(this.o.firstChunk ?? UPLOAD_CHUNK_BYTES);
    const size = (sha: string) => this.ctx.repos.attachments.bySha256(sha)?.size ?? Number.POSITIVE_INFINITY;
    let bytes = size(first);
    if (bytes > budget) return { shas: [first], pack: false };
    const group = [first];
    while (group.length < PACK_MAX_BLOBS && this.queue.length > 0) {
      const next = this.queue[0]!;
      const n = size(next);
      if (bytes + n > budget) break;
      this.queue.shift();
      this.queued.delete(next);
      group.push(next);
      bytes += n;
    }
    return { shas: group, pack: true };
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

  private async work(group: { shas: readonly string[]; pack: boolean }): Promise<Map<string, UploadOutcome>> {
    const retry = { ...this.o.retry, sleep: this.backoffSleep };
    const o = { onProgress: this.o.onProgress, retry, noProgress: this.noProgress, firstChunk: this.o.firstChunk };
    const first = group.shas[0]!;
    const outcomes = group.pack ? await uploadPacked(this.ctx, this.http, group.shas, { ...o, pace: this.pace }) : new Map([[first, await uploadBlob(this.ctx, this.http, first, o)]]);
    for (const outcome of outcomes.values()) if (outcome === 'stored') this.uploaded += 1;
    return outcomes;
  }
}
