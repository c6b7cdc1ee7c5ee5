import type { CoreContext } from '../../context';
import type { PendingOp } from '../../../db/repos/outbox';
import { opMinor, PROTOCOL_MINOR, protocolString, type CentralCaseStateBrief, type OpResult } from '../../../shared/sync';
import { nowInstant } from '../../../shared/time';
import { SyncFailure, type SyncHttp } from './http';
import { applyCentralCaseState, recordRejection } from './apply';
import type { UploadProgress } from './uploads';
import { Uploader } from './uploader';
import type { LinkPace } from './link-pace';
import { withRetry, type Backoff } from './retry';
import { sendPersonFirst } from './person-first';
import { caseNeedsRescan, damageMessage } from '../cases/damage';

export interface PushReport {
  applied: number;
  duplicate: number;
  rejected: number;
  /** Refused ops the station fixed by itself and sent again (the person central did not know sent first). */
  resent: number;
  uploaded: number;
  caseIds: Set<string>;
  /**
   * Central's state of each case its answers carried (the latest per case): the status only. Applied after the pull
   * (applyAnswers), so the change feed's full states — each step, its decider, note and payout — come first.
   */
  answers: Map<string, CentralCaseStateBrief>;
}

interface PayloadWithAttachments {
  attachments?: { sha256: string }[];
}

/** The sha256s an op's payload names (most ops name none: only those are parsed). */
function blobsOf(op: PendingOp): string[] {
  if (!op.payloadJson.includes('"sha256"')) return [];
  return ((JSON.parse(op.payloadJson) as PayloadWithAttachments).attachments ?? []).map((a) => a.sha256);
}

/**
 * The op's payload as it goes up: as stored, but without attachments found damaged here (需重新扫描) — central
 * would wait for bytes that will never come, and hold up every later op. The case keeps its mark until a re-scan,
 * whose op names the new bytes.
 */
export function payloadWithoutDamaged(payloadJson: string, damaged: ReadonlySet<string>): string {
  if (damaged.size === 0 || !payloadJson.includes('"sha256"')) return payloadJson;
  const p = JSON.parse(payloadJson) as Record<string, unknown> & PayloadWithAttachments;
  if (!p.attachments?.some((a) => damaged.has(a.sha256))) return payloadJson;
  return JSON.stringify({ ...p, attachments: p.attachments.filter((a) => !damaged.has(a.sha256)) });
}

/** The op as JSON for the push request: its stored payload text is spliced in as it is. */
function encodeOp(op: PendingOp, seqOffset: number, damaged: ReadonlySet<string>): string {
  const head = JSON.stringify({ seq: op.seq + seqOffset, opId: op.opId, kind: op.kind, caseId: op.caseId, baseVersion: op.baseVersion, createdAt: op.createdAt });
  return `${head.slice(0, -1)},"payload":${payloadWithoutDamaged(op.payloadJson, damaged)}}`;
}

/** The attachments a batch names that were found damaged here. */
function damagedIn(ctx: CoreContext, batch: readonly PendingOp[]): Set<string> {
  const out = new Set<string>();
  for (const op of batch) for (const sha of blobsOf(op)) if (ctx.repos.attachments.bySha256(sha)?.damaged) out.add(sha);
  return out;
}

/** Settle one batch's answers in ONE transaction: outbox rows, case sync states, central's view of each case. */
function settle(ctx: CoreContext, batch: PendingOp[], results: OpResult[], seqOffset: number, report: PushReport): void {
  const bySeq = new Map(batch.map((op) => [op.seq + seqOffset, op]));
  const at = nowInstant(ctx.clock);
  // Not synced to disk on commit (synchronous=NORMAL): an answer lost to a power cut is asked again — the ops
  // are still pending, and central answers them `duplicate` with their first outcome.
  ctx.txRelaxed(() => {
    const touched = new Set<string>();
    for (const r of results) {
      const op = bySeq.get(r.seq);
      if (!op || r.status === 'blocked') continue;
      if (r.status === 'applied') {
        ctx.repos.outbox.markDone(op.seq, 'applied', null, null, at);
        report.applied += 1;
        const known = r.case ? report.answers.get(r.case.caseId) : undefined;
        if (r.case && (!known || known.centralVersion < r.case.centralVersion)) report.answers.set(r.case.caseId, r.case);
      } else if (r.status === 'duplicate') {
        const rejectedBefore = r.original === 'rejected';
        ctx.repos.outbox.markDone(op.seq, rejectedBefore ? 'rejected' : 'duplicate', r.code, r.message, at);
        report.duplicate += 1;
        if (rejectedBefore && op.caseId) recordRejection(ctx, op.caseId, r.code ?? 'rejected', r.message ?? '中心拒绝了此操作', op.kind);
      } else {
        ctx.repos.outbox.markDone(op.seq, 'rejected', r.code, r.message, at);
        if (r.code === 'unknown-person' && sendPersonFirst(ctx, op)) {
          // Fixed here: the person goes up first, then this change again (no clerk needed).
          report.resent += 1;
        } else {
          report.rejected += 1;
          if (op.caseId) recordRejection(ctx, op.caseId, r.code, r.message, op.kind);
        }
      }
      if (op.caseId) touched.add(op.caseId);
    }
    for (const id of touched) {
      report.caseIds.add(id);
      ctx.caseChanged(id, 'central');
      const c = ctx.repos.cases.statusRow(id);
      if (c && c.syncState !== 'rejected' && c.syncState !== 'synced' && ctx.repos.outbox.pendingForCase(id) === 0) {
        // Up, but for an attachment waiting for its re-scan: the case keeps saying so.
        const rescan = caseNeedsRescan(ctx, id);
        if (rescan) ctx.repos.cases.setSync(id, 'pending', damageMessage(rescan.fileName, rescan.damaged ?? ''));
        else ctx.repos.cases.setSync(id, 'synced', null);
      }
    }
  });
}

/**
 * The case states central's answers carried, after the pull: one the change feed already brought in full is not
 * newer and changes nothing; one it has not (the pull failed, or central's feed lags) still moves the case — its
 * note and payout follow with the feed's full state of that version. Call outside a transaction.
 */
export function applyAnswers(ctx: CoreContext, report: PushReport): void {
  if (report.answers.size === 0) return;
  ctx.tx(() => {
    for (const a of report.answers.values()) {
      applyCentralCaseState(ctx, { caseId: a.caseId, centralVersion: a.centralVersion, status: a.status, materialsPending: a.materialsPending, brief: true });
    }
  });
  report.answers.clear();
}

/** Central refused the request body as too large for its configured limit (not a problem with any op). */
function tooLarge(e: unknown): boolean {
  return e instanceof SyncFailure && e.status === 413;
}

/** Attachments the ops name that central may not hold yet (not known to be stored, not found damaged). */
function unsentBlobs(ctx: CoreContext, batch: readonly PendingOp[]): string[] {
  const blobs = new Set<string>();
  for (const op of batch) for (const sha of blobsOf(op)) blobs.add(sha);
  return [...blobs].filter((sha) => {
    const a = ctx.repos.attachments.bySha256(sha);
    return a !== null && a.uploadState !== 'stored' && a.damaged === null;
  });
}

export interface PushOptions {
  batchSize: number;
  /** Each request: retried at once, then with a short backoff, before the round gives up. */
  backoff: Backoff;
  onProgress?: (done: number, total: number) => void;
  speaks?: number;
  /** Attachments uploaded at once (default 3). */
  uploadConcurrency?: number;
  onUploadProgress?: (p: UploadProgress) => void;
  /** Upload rounds without progress per blob, kept by the engine across sync rounds. */
  noProgress?: Map<string, number>;
  /** Central's chunkMax (its health answer): the first chunk of an upload goes with its create (1.2). */
  firstChunk?: number;
  /** The link's pace, kept by the engine across rounds: sizes the packs of small attachments (1.5). */
  pace?: LinkPace;
}

/**
 * Push the outbox in seq order, in batches. Attachments an op names are uploaded first (a case counts as
 * submitted only when central holds its attachments); an op central answers `blocked` (attachment-missing)
 * gets its attachments uploaded and the batch is sent again from it. Network failures and 5xx are retried
 * at once and then with a short backoff — safe, because central skips what it already applied.
 *
 * Uploads run beside the push, several at once (Uploader): every attachment waiting to go up is queued from the
 * start, those of the batch about to be sent first, so the batch after it usually finds its attachments stored
 * and goes out ahead. An attachment found damaged (需重新扫描) is left out of the ops that name it; the queue goes on.
 *
 * Pipelined, two requests deep: while central works on a batch, the batch after it (if its attachments are
 * stored) is already on its way, so central decides it as soon as it has committed the one before — the
 * station's, central's and the database's work overlap instead of taking turns. The request sent ahead is
 * tried once; its answer is used only after the batch before it was answered whole, and if it failed (central
 * takes a station's batches strictly in order: it refuses one whose predecessor is not applied, changing
 * nothing) it is simply sent again, with retries. After a `blocked` answer nothing is sent ahead.
 */
export async function pushOutbox(ctx: CoreContext, http: SyncHttp, stationId: string, seqOffset: number, o: PushOptions): Promise<PushReport> {
  const uploader = new Uploader(ctx, http, { concurrency: o.uploadConcurrency ?? 3, retry: o.backoff, firstChunk: o.firstChunk, pace: o.pace, ...(o.onUploadProgress ? { onProgress: o.onUploadProgress } : {}) }, o.noProgress);
  try {
    return await pushWith(ctx, http, stationId, seqOffset, o, uploader);
  } finally {
    // Nothing of this round goes on after it: uploads not started are dropped, those under way finish.
    await uploader.close();
  }
}

async function pushWith(ctx: CoreContext, http: SyncHttp, stationId: string, seqOffset: number, o: PushOptions, uploader: Uploader): Promise<PushReport> {
  const speaks = o.speaks ?? PROTOCOL_MINOR;
  const report: PushReport = { applied: 0, duplicate: 0, rejected: 0, resent: 0, uploaded: 0, caseIds: new Set(), answers: new Map() };
  const total = ctx.repos.outbox.pendingCount();
  // Every attachment waiting to go up, oldest first (the order of the ops that name them).
  if (total > 0) uploader.prefetch(ctx.repos.attachments.pendingUploads(10_000));
  const send = (batch: readonly PendingOp[], retry: boolean) => {
    // An op written for a newer central than the one answering now (it went back a version) would be refused
    // for good, so nothing is sent until central speaks the op's version again.
    const tooNew = batch.find((op) => opMinor(op) > speaks);
    const damaged = damagedIn(ctx, batch);
    const ops = tooNew ? [] : batch.map((op) => encodeOp(op, seqOffset, damaged));
    const p = tooNew
      ? Promise.reject(new SyncFailure('protocol', `中心系统的协议版本（${protocolString(speaks)}）低于本站操作（序号 ${tooNew.seq}）所需的 ${protocolString(opMinor(tooNew))}，暂不能上传；请联系运维升级中心系统`, false))
      : retry
        ? withRetry(o.backoff, () => http.pushEncoded(stationId, ops))
        : http.pushEncoded(stationId, ops);
    p.catch(() => undefined); // awaited later; never an unhandled rejection meanwhile
    return p;
  };
  type Answer = Awaited<ReturnType<typeof send>>;
  let size = o.batchSize;
  /** The batch after `batch`, sent now, if there is one and central holds its attachments. */
  const sendAhead = (batch: readonly PendingOp[]): { batch: PendingOp[]; answer: Promise<Answer> } | null => {
    const next = ctx.repos.outbox.pendingAfter(batch[batch.length - 1]!.seq, size);
    if (next.length === 0 || unsentBlobs(ctx, next).length > 0) return null;
    return { batch: next, answer: send(next, false) };
  };
  let done = 0;
  // Central may be configured with a smaller body limit than our batch needs: on 413 the batch is halved
  // (down to one op, whose refusal is then reported as it is) and stays at that size for this run.
  let batch = ctx.repos.outbox.pendingAfter(0, size);
  let sending: Promise<Answer> | null = null;
  let ahead: ReturnType<typeof sendAhead> = null;
  let blockedBefore: string | null = null;
  let reuploaded = 0;
  while (batch.length > 0) {
    if (!sending) {
      await uploader.need(unsentBlobs(ctx, batch));
      sending = send(batch, true);
    }
    ahead ??= sendAhead(batch);
    let res: Answer;
    try {
      res = await sending;
    } catch (e) {
      sending = null;
      ahead = null;
      if (!tooLarge(e) || batch.length <= 1) throw e;
      size = Math.max(1, Math.floor(batch.length / 2));
      batch = batch.slice(0, size);
      continue;
    }
    sending = null;
    const blocked = res.results.find((r) => r.status === 'blocked');
    const whole = !blocked && res.results.length >= batch.length;
    let next: PendingOp[] = [];
    if (whole && ahead) {
      // The batch sent ahead is next: its answer (or, if that request failed, a fresh one with retries), and
      // the one after it goes out now, before this answer is settled.
      const sent = ahead;
      next = sent.batch;
      sending = sent.answer.catch(() => send(sent.batch, true));
      ahead = sendAhead(next);
    } else {
      ahead = null;
      if (whole) next = ctx.repos.outbox.pendingAfter(batch[batch.length - 1]!.seq, size);
    }
    settle(ctx, batch, res.results, seqOffset, report);
    // Ops written while settling (a refused change sent again after its person) go up in this same run.
    if (whole && next.length === 0) next = ctx.repos.outbox.pendingAfter(batch[batch.length - 1]!.seq, size);
    if (blocked && blocked.status === 'blocked') {
      // Central lacks bytes this station thought it had sent (or never had): upload them, then go on — but the
      // same op blocked again for the same bytes right after they went up is not sent a third time this round.
      const key = `${blocked.seq}:${[...blocked.missing].sort().join(',')}`;
      if (key === blockedBefore) throw new SyncFailure('protocol', `中心仍缺少序号 ${blocked.seq - seqOffset} 的操作所需的附件（已重新上传），稍后重试`, true);
      blockedBefore = key;
      for (const sha of blocked.missing) ctx.repos.attachments.setUploadState(sha, 'pending', 0);
      const again = new Uploader(ctx, http, { concurrency: o.uploadConcurrency ?? 3, retry: o.backoff, firstChunk: o.firstChunk, pace: o.pace }, o.noProgress);
      try {
        await again.need(blocked.missing.filter((sha) => ctx.repos.attachments.bySha256(sha) !== null));
      } finally {
        await again.close();
      }
      reuploaded += again.uploaded;
      next = ctx.repos.outbox.pendingAfter(0, size);
    } else if (!whole) {
      throw new SyncFailure('protocol', `中心只答复了 ${res.results.length}/${batch.length} 条操作`, true);
    }
    done += res.results.filter((r) => r.status !== 'blocked').length;
    o.onProgress?.(Math.min(done, total), total);
    batch = next;
  }
  report.uploaded = uploader.uploaded + reuploaded;
  return report;
}
