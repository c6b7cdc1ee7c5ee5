import type { CoreContext } from '../../context';
import { nowInstant } from '../../../shared/time';
import { SyncHttp, SyncFailure } from './http';
import { SyncMetaStore } from './meta';
import { applyAnswers, pushOutbox, type PushReport } from './push';
import { pullChanges } from './pull';
import { reportAudit } from './audit-report';
import { realSleep, backoffDelay, withRetry, REQUEST_RETRY, type Backoff } from './retry';
import { newSigningKey } from './bundle';
import { requireStation } from '../../reference/station';
import { PROTOCOL_MINOR, SIGNED_BUNDLES_SINCE, type BundleImportResult } from '../../../shared/sync';
import type { EventPayload } from '../../../shared/api/events';
import type { z } from 'zod';
import type { SyncStatusSchema } from '../../../shared/api/channels/sync';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { CentralTls } from '../../../shared/sync/tls';
import { LinkPace } from './link-pace';

/** The engine's status, as the contract defines it (shared/api/channels/sync). */
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export interface SyncRunReport {
  ok: boolean;
  pushed: Omit<PushReport, 'caseIds' | 'answers'> | null;
  pulled: number;
  error: string | null;
}

export interface EngineOptions {
  fetch?: typeof fetch;
  batchSize?: number;
  pullLimit?: number;
  /** Regular sync while the app runs. */
  intervalMs?: number;
  /** Wait after a local change before syncing (changes come in bursts at the counter). */
  debounceMs?: number;
  /** While central cannot be reached, how often to look for it again (default 15 s). */
  reconnectProbeMs?: number;
  /**
   * The spacing of runs after a failed one; given without `requestRetry`, also the retries of each request inside
   * a run (what tests pin down).
   */
  backoff?: Partial<Backoff>;
  /** Retries of each request inside a run (default: at once, then 50 ms … 1 s, sixteen tries: retry.ts REQUEST_RETRY). */
  requestRetry?: Partial<Backoff>;
  /** Attachments uploaded at once (default 3). */
  uploadConcurrency?: number;
  requestTimeoutMs?: number;
}

/**
 * The station's sync engine: push the outbox (attachments first), then pull central's changes. Runs after a
 * local write (debounced), on a timer, after a failed run with capped exponential backoff and jitter, and on
 * "sync now". Online means central answered. Progress and status are core events the UI shows.
 */
export class SyncEngine {
  private readonly state: SyncMetaStore;
  private readonly backoff: Backoff;
  private readonly requestRetry: Backoff;
  /** Upload rounds without progress per blob (uploads.ts): an attachment that never goes up is marked damaged. */
  private readonly noProgress = new Map<string, number>();
  /** The link's pace, measured by the uploads of every round (sizes the packs of small attachments). */
  private readonly pace = new LinkPace();
  /** Central refused a signing key for this station (it holds another): asked again only after a new enrollment. */
  private keyRefused = false;
  private running: Promise<SyncRunReport> | null = null;
  private online: boolean | null = null;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private nextAt: number | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = true;

  constructor(
    private readonly ctx: CoreContext,
    private readonly o: EngineOptions = {},
  ) {
    this.state = new SyncMetaStore(ctx);
    this.backoff = { baseMs: 1_000, maxMs: 300_000, attempts: 6, random: Math.random, sleep: realSleep, ...o.backoff };
    this.requestRetry = { random: Math.random, sleep: realSleep, ...REQUEST_RETRY, ...o.backoff, ...o.requestRetry };
  }

  private http(): SyncHttp | null {
    const c = this.state.config();
    if (!c) return null;
    return new SyncHttp({
      baseUrl: c.centralUrl,
      credential: () => this.state.config()?.credential ?? null,
      minor: () => this.state.speaks(),
      tls: this.state.tls(),
      ...(this.o.fetch ? { fetch: this.o.fetch } : {}),
      ...(this.o.requestTimeoutMs ? { timeoutMs: this.o.requestTimeoutMs } : {}),
    });
  }

  status(): SyncStatus {
    const c = this.state.config();
    return {
      configured: c !== null,
      centralUrl: c?.centralUrl ?? null,
      online: c ? this.online : null,
      running: this.running !== null,
      pending: this.ctx.repos.outbox.pendingCount(),
      rejected: this.ctx.repos.outbox.rejectedCount(),
      rejectedCases: this.ctx.repos.cases.syncRejectedCount(),
      damagedAttachments: this.ctx.repos.attachments.damagedCount(),
      lastSuccessAt: this.state.lastSuccessAt(),
      lastError: this.state.lastError(),
      nextAttemptAt: this.nextAt === null ? null : nowInstant({ now: () => this.nextAt! }),
    };
  }

  private emitStatus(message: string | null = null): void {
    const s = this.status();
    this.ctx.events.emit('sync.status', {
      configured: s.configured,
      online: s.online,
      running: s.running,
      pending: s.pending,
      rejectedCases: s.rejectedCases,
      lastSuccessAt: s.lastSuccessAt,
      message: message ?? s.lastError,
    });
  }

  /**
   * Enroll this station with central using the one-time code from the back office — over https:// (http:// only to
   * this machine), trusting central's certificate by the system's store, or by `tls` (a pinned fingerprint or an
   * extra CA, kept with the connection).
   */
  async enroll(centralUrl: string, code: string, by?: SessionUser, tls: CentralTls = {}): Promise<{ stationId: string; stationName: string }> {
    const station = requireStation(this.ctx);
    let centralMinor = 0;
    const http = new SyncHttp({ baseUrl: centralUrl, credential: () => null, minor: () => Math.min(PROTOCOL_MINOR, centralMinor), tls, ...(this.o.fetch ? { fetch: this.o.fetch } : {}) });
    centralMinor = (await http.health()).protocol.minor;
    // Since 1.2 the station signs its bundles: a new key with every enrollment (central retires the one before).
    const signing = centralMinor >= SIGNED_BUNDLES_SINCE ? newSigningKey() : null;
    const r = await http.enroll({ stationCode: station.code, code, ...(signing ? { signingKey: signing.publicKey } : {}) });
    // The ops waiting here continue after what central already has from this station (a reinstalled station, or
    // one whose earlier key keeps a window of seqs for its bundles). An op central took already — its answer lost —
    // comes back as `duplicate` under its new seq (central knows it by its op id).
    const firstPending = this.ctx.repos.outbox.pending(1)[0]?.seq ?? this.ctx.repos.outbox.maxSeq() + 1;
    const seqOffset = r.lastSeq + 1 - firstPending;
    this.ctx.tx(() => {
      this.state.setConfig({ centralUrl: centralUrl.replace(/\/+$/, ''), stationId: r.stationId, credential: r.credential }, seqOffset);
      this.state.setCentralMinor(centralMinor);
      this.state.setTls(tls);
      this.keyRefused = false;
      if (signing && r.signingKeyId === signing.keyId && r.centralKey) this.state.setBundleKeys(signing, r.centralKey);
      else this.state.clearBundleKeys();
      this.ctx.repos.audit.append({ at: nowInstant(this.ctx.clock), actorId: by?.id ?? null, actorName: by?.displayName ?? 'system', action: 'sync.enroll', entity: 'station', entityId: r.stationId, detail: { centralUrl, lastSeq: r.lastSeq, seqOffset } });
    });
    this.online = true;
    this.emitStatus();
    return { stationId: r.stationId, stationName: r.stationName };
  }

  /** One run now (joins a run already under way). */
  syncNow(): Promise<SyncRunReport> {
    if (this.running) return this.running;
    this.running = this.run().finally(() => {
      this.running = null;
      this.schedule();
      this.emitStatus();
    });
    this.emitStatus();
    return this.running;
  }

  private async run(): Promise<SyncRunReport> {
    const http = this.http();
    const c = this.state.config();
    if (!http || !c) return { ok: false, pushed: null, pulled: 0, error: '尚未连接中心（未开通同步）' };
    const progress = (phase: string, done: number, total: number | null) => this.ctx.events.emit('progress', { task: 'sync', phase, done, total });
    let pushed: PushReport | null = null;
    try {
      // A few quick tries: on a poor link the first request of a round fails as often as any other.
      const health = await withRetry({ ...this.requestRetry, attempts: Math.min(this.requestRetry.attempts, 6) }, () => http.health());
      this.state.setCentralMinor(health.protocol.minor);
      this.online = true;
      this.emitStatus();
      await this.ensureSigningKey(http);
      pushed = await pushOutbox(this.ctx, http, c.stationId, this.state.seqOffset(), {
        batchSize: this.o.batchSize ?? 200,
        speaks: this.state.speaks(),
        backoff: this.requestRetry,
        uploadConcurrency: this.o.uploadConcurrency ?? 3,
        noProgress: this.noProgress,
        pace: this.pace,
        firstChunk: health.limits.chunkMaxBytes,
        onProgress: (d, t) => progress('push', d, t),
      });
      const pulled = await pullChanges(this.ctx, http, this.state, { limit: this.o.pullLimit ?? 500, backoff: this.requestRetry, onProgress: (d) => progress('pull', d, null) });
      applyAnswers(this.ctx, pushed);
      // The audit log's head with every run: central flags a log that no longer extends what it saw.
      await withRetry(this.requestRetry, () => reportAudit(this.ctx, http, c.stationId));
      const { caseIds: _ids, answers: _answers, ...counts } = pushed;
      this.failures = 0;
      this.state.recordOutcome(nowInstant(this.ctx.clock), pulled.skipped.length > 0 ? pulled.skipped.slice(0, 3).join('；') : null);
      return { ok: true, pushed: counts, pulled: pulled.caseIds.size + pulled.reference.roster, error: null };
    } catch (e) {
      // The pull (or what follows it) failed: what central answered to the push is what the station heard.
      if (pushed) applyAnswers(this.ctx, pushed);
      const msg = e instanceof Error ? e.message : String(e);
      if (e instanceof SyncFailure && e.kind === 'network') this.online = false;
      if (e instanceof SyncFailure && e.body?.code === 'station-revoked') this.online = true;
      this.failures += 1;
      this.state.recordOutcome(nowInstant(this.ctx.clock), msg);
      return { ok: false, pushed: null, pulled: 0, error: msg };
    }
  }

  /** Start scheduling: after local writes (debounced), on a timer, and with backoff after failures. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = this.ctx.events.subscribe((event, data) => {
      // A change made here goes up soon; news from central (this engine's own work) starts nothing.
      if (event !== 'cases.changed' || (data as EventPayload<'cases.changed'>).origin === 'central' || this.stopped || !this.state.config()) return;
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.syncNow(), this.o.debounceMs ?? 2_000);
      this.debounce.unref();
    });
    this.schedule(1_000);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.timer = null;
    this.nextAt = null;
  }

  private schedule(delay?: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    // After a failure: back off (capped, jittered) — but while central is unreachable, look again at least every
    // `reconnectProbeMs`, so a returning link (a hotspot switched on) is used within seconds, not minutes.
    const afterFailure = () => {
      const b = backoffDelay({ ...this.backoff, baseMs: Math.max(this.backoff.baseMs, 5_000) }, this.failures - 1);
      return this.online === false ? Math.min(b, this.o.reconnectProbeMs ?? 15_000) : b;
    };
    const wait = delay ?? (this.failures > 0 ? afterFailure() : (this.o.intervalMs ?? 60_000));
    this.nextAt = Date.now() + wait;
    this.timer = setTimeout(() => void this.syncNow(), wait);
    this.timer.unref();
  }

  /**
   * A station enrolled before central spoke 1.2 has no signing key: it registers one (once) with its credential, so
   * that it can export bundles. Nothing is sent when it has one, or central is older. Never fails the run.
   */
  private async ensureSigningKey(http: SyncHttp): Promise<void> {
    if (this.state.speaks() < SIGNED_BUNDLES_SINCE || this.state.signingKey() || this.keyRefused) return;
    const signing = newSigningKey();
    try {
      const r = await withRetry({ ...this.requestRetry, attempts: Math.min(this.requestRetry.attempts, 3) }, () => http.registerSigningKey(signing.publicKey));
      if (r.signingKeyId === signing.keyId) this.state.setBundleKeys(signing, r.centralKey);
    } catch (e) {
      // Sync goes on without it; exporting a bundle says what to do. Refused (central holds another key of this
      // station: a new enrollment brings a new one): not asked again while the app runs.
      if (!(e instanceof SyncFailure)) throw e;
      if (e.body?.code === 'conflict') this.keyRefused = true;
    }
  }

  /** Relay a bundle made by another (offline) station to central; its results reach that station by pull. */
  async relayBundle(bytes: Uint8Array): Promise<BundleImportResult> {
    const http = this.http();
    if (!http) throw new SyncFailure('protocol', '本站尚未开通同步，不能转交离线数据包', false);
    const r = await http.relayBundle(bytes);
    this.online = true;
    return r;
  }

  /** Wait for the run under way (tests, shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }
}
