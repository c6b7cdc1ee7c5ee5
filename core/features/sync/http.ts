import type { z } from 'zod';
import {
  EnrollResponseSchema,
  HealthResponseSchema,
  PROTOCOL_MINOR,
  protocolString,
  PullResponseSchema,
  PushResponseSchema,
  SnapshotResponseSchema,
  SyncErrorSchema,
  UploadCreateResponseSchema,
  UploadPatchResponseSchema,
  UPLOAD_CONTENT_TYPE,
  BUNDLE_CONTENT_TYPE,
  BundleImportResultSchema,
  SigningKeyResponseSchema,
  UPLOAD_OFFSET_HEADER,
  UPLOAD_PACK_CONTENT_TYPE,
  PackResponseSchema,
  type EnrollRequest,
  type SyncError,
} from '../../../shared/sync';
import { AuditReportResponseSchema, type AuditReportRequest } from '../../../shared/sync/audit';
import { centralUrlProblem, type CentralTls } from '../../../shared/sync/tls';
import { centralFetch, systemStoreAvailable, tlsProblem } from './tls';

/**
 * The station's HTTP client of the sync protocol (/v1). Every response body is validated with the protocol's
 * zod schemas before anything is done with it; a malformed answer is an error, never half-applied.
 */

/** Why a request did not succeed, in the terms the engine needs: may it try again later? */
export class SyncFailure extends Error {
  constructor(
    readonly kind: 'network' | 'http' | 'protocol',
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
    readonly body: SyncError | null = null,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

export interface HttpOptions {
  baseUrl: string;
  credential: () => string | null;
  /** Per request (default 30 s; uploads use their own per-chunk budget). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The minor protocol version to speak (default: the station's own; the engine speaks min(own, central)). */
  minor?: () => number;
  /** Trust for central's certificate beyond the system's store: a pinned fingerprint, an extra CA (tls.ts). */
  tls?: CentralTls;
}

export class SyncHttp {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;

  /** Why this URL is refused (an http:// one that is not this machine), or null. */
  private readonly urlProblem: string | null;

  constructor(private readonly o: HttpOptions) {
    this.base = o.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = o.timeoutMs ?? 30_000;
    this.urlProblem = centralUrlProblem(this.base);
    const custom = this.base.startsWith('https:') && ((o.tls && (o.tls.pinSha256 || o.tls.caPem)) || systemStoreAvailable());
    this.doFetch = o.fetch ?? (custom ? centralFetch(o.tls ?? {}) : fetch);
  }

  /** The version string of this request: min(own, central) as the engine decided. */
  private get protocol(): string {
    return protocolString(this.o.minor?.() ?? PROTOCOL_MINOR);
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cred = this.o.credential();
    return { ...(cred ? { authorization: `Bearer ${cred}` } : {}), ...extra };
  }

  private async request(method: string, path: string, init: { body?: string | Uint8Array; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Response> {
    // Never a credential or personal data in clear over a network: http:// only to this machine.
    if (this.urlProblem) throw new SyncFailure('protocol', this.urlProblem, false);
    let res: Response;
    try {
      res = await this.doFetch(`${this.base}${path}`, {
        method,
        headers: this.headers(init.headers),
        ...(init.body !== undefined ? { body: init.body } : {}),
        signal: AbortSignal.timeout(init.timeoutMs ?? this.timeoutMs),
      });
    } catch (e) {
      const certificate = tlsProblem(e);
      if (certificate) throw new SyncFailure('network', certificate, true);
      const why = e instanceof Error && e.name === 'TimeoutError' ? '连接中心超时' : '无法连接中心';
      throw new SyncFailure('network', `${why}（${e instanceof Error ? e.message : String(e)}）`, true);
    }
    return res;
  }

  /** Parse a JSON answer with its schema; a refused request becomes a SyncFailure with the server's reason. */
  private async json<S extends z.ZodType>(res: Response, schema: S, okStatuses: readonly number[] = [200, 201]): Promise<z.output<S>> {
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw new SyncFailure('network', `读取中心应答时连接中断（${e instanceof Error ? e.message : String(e)}）`, true);
    }
    let body: unknown;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      const retry = res.status >= 500;
      throw new SyncFailure(retry ? 'http' : 'protocol', `中心返回的内容不是有效的 JSON（HTTP ${res.status}）`, retry, res.status);
    }
    if (!okStatuses.includes(res.status)) {
      const err = SyncErrorSchema.safeParse(body);
      const retry = res.status >= 500 || res.status === 429 || (err.success && err.data.retryable);
      throw new SyncFailure('http', err.success ? err.data.message : `中心拒绝了请求（HTTP ${res.status}）`, retry, res.status, err.success ? err.data : null);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SyncFailure('protocol', `中心返回的数据格式不对（${issue ? `${issue.path.join('.')}: ${issue.message}` : '未知'}），未作任何处理`, false, res.status);
    }
    return parsed.data;
  }

  async health() {
    return this.json(await this.request('GET', '/v1/health', { timeoutMs: 10_000 }), HealthResponseSchema);
  }

  async enroll(req: Omit<EnrollRequest, 'protocol'>) {
    const res = await this.request('POST', '/v1/stations/enroll', {
      body: JSON.stringify({ protocol: this.protocol, ...req }),
      headers: { 'content-type': 'application/json' },
    });
    return this.json(res, EnrollResponseSchema);
  }

  /** Register the station's first signing key (a station enrolled before 1.2). */
  async registerSigningKey(signingKey: string) {
    const res = await this.request('PUT', '/v1/stations/me/signing-key', {
      body: JSON.stringify({ protocol: this.protocol, signingKey }),
      headers: { 'content-type': 'application/json' },
    });
    return this.json(res, SigningKeyResponseSchema);
  }

  /** Push ops already encoded as JSON (each a PushOp): the station sends stored payloads without re-encoding them. */
  async pushEncoded(stationId: string, ops: readonly string[]) {
    const head = JSON.stringify({ protocol: this.protocol, stationId });
    const res = await this.request('POST', '/v1/sync/push', {
      body: `${head.slice(0, -1)},"ops":[${ops.join(',')}]}`,
      headers: { 'content-type': 'application/json' },
    });
    return this.json(res, PushResponseSchema);
  }

  async pull(cursor: string, limit: number) {
    const q = new URLSearchParams({ cursor, limit: String(limit), protocol: this.protocol });
    return this.json(await this.request('GET', `/v1/sync/pull?${q}`), PullResponseSchema);
  }

  async snapshot(page: string | null, limit: number) {
    const q = new URLSearchParams({ limit: String(limit), protocol: this.protocol, ...(page ? { page } : {}) });
    return this.json(await this.request('GET', `/v1/sync/snapshot?${q}`), SnapshotResponseSchema);
  }

  async uploadCreate(sha256: string, size: number, mime: string) {
    const res = await this.request('POST', '/v1/uploads', {
      body: JSON.stringify({ protocol: this.protocol, sha256, size, mime }),
      headers: { 'content-type': 'application/json' },
    });
    return this.json(res, UploadCreateResponseSchema);
  }

  /**
   * Create (or find) an upload carrying its first chunk (since 1.2): central takes the chunk when it holds nothing
   * of the upload yet — a small scan goes up in this one request.
   */
  async uploadCreateWith(sha256: string, size: number, mime: string, firstChunk: Uint8Array) {
    const q = new URLSearchParams({ protocol: this.protocol, sha256, size: String(size), mime });
    const res = await this.request('POST', `/v1/uploads?${q}`, { body: firstChunk, headers: { 'content-type': UPLOAD_CONTENT_TYPE }, timeoutMs: 120_000 });
    return this.json(res, UploadCreateResponseSchema);
  }

  /** Several small attachments, each whole, in one request (since 1.5; the body from encodePack). */
  async uploadPack(body: Uint8Array) {
    const q = new URLSearchParams({ protocol: this.protocol });
    const res = await this.request('POST', `/v1/uploads/pack?${q}`, { body, headers: { 'content-type': UPLOAD_PACK_CONTENT_TYPE }, timeoutMs: 120_000 });
    return this.json(res, PackResponseSchema);
  }

  /** The minor this client speaks now. */
  get speaks(): number {
    return this.o.minor?.() ?? PROTOCOL_MINOR;
  }

  /** The offset central holds for an open upload (after a drop). */
  async uploadOffset(uploadId: string): Promise<number> {
    const res = await this.request('HEAD', `/v1/uploads/${uploadId}`);
    if (res.status !== 200) throw new SyncFailure('http', `查询上传进度失败（HTTP ${res.status}）`, res.status >= 500 || res.status === 404, res.status);
    const v = Number(res.headers.get(UPLOAD_OFFSET_HEADER));
    if (!Number.isSafeInteger(v) || v < 0) throw new SyncFailure('protocol', '中心返回的上传进度格式不对', false, res.status);
    return v;
  }

  /** Hand central a bundle another station made (this station's credential authenticates the relay). */
  async relayBundle(bytes: Uint8Array) {
    const res = await this.request('POST', '/v1/sync/bundles', { body: bytes, headers: { 'content-type': BUNDLE_CONTENT_TYPE }, timeoutMs: 600_000 });
    return this.json(res, BundleImportResultSchema);
  }

  async uploadChunk(uploadId: string, offset: number, chunk: Uint8Array) {
    const res = await this.request('PATCH', `/v1/uploads/${uploadId}`, {
      body: chunk,
      headers: { 'content-type': UPLOAD_CONTENT_TYPE, [UPLOAD_OFFSET_HEADER]: String(offset) },
      timeoutMs: 120_000,
    });
    return this.json(res, UploadPatchResponseSchema);
  }

  /** The station's audit head (and the breaks it found) with every sync run; central answers the head it keeps. */
  async reportAudit(stationId: string, report: Omit<AuditReportRequest, 'protocol' | 'stationId'>) {
    const res = await this.request('POST', '/v1/sync/audit', {
      body: JSON.stringify({ protocol: this.protocol, stationId, ...report }),
      headers: { 'content-type': 'application/json' },
    });
    return this.json(res, AuditReportResponseSchema);
  }
}
