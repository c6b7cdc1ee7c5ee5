import { nowInstant } from '../../shared/time';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import type { Case } from '../../shared/cases/model';
import type { Family } from '../../shared/catalog/types';
import type { AttachmentRef, PersonRef, PushOp } from '../../shared/sync/ops';
import type { PullResponse } from '../../shared/sync/pull';
import type { PushResponse } from '../../shared/sync/push';
import type { EnrollResponse } from '../../shared/sync/stations';
import type { InjectOptions } from 'fastify';

export interface Reply<T = unknown> {
  status: number;
  headers: Record<string, unknown>;
  body: T;
}

/**
 * What a simulated station needs of the central server it talks to: the Harness, declared here so that
 * harness.ts → station.ts is the only import between the two (no cycle).
 */
export interface StationHost {
  readonly newId: () => string;
  readonly clock: { now(): number };
  inject<T = unknown>(opts: InjectOptions): Promise<Reply<T>>;
}

export interface CaseOpExtra {
  reason?: string | null;
  person?: PersonRef;
  attachments?: AttachmentRef[];
  centralVersion?: number;
}

/** A simulated workstation: its outbox sequence, case snapshots as the core writes them, push and pull. */
export class TestStation {
  seq: number;
  readonly clerkId: string;

  constructor(
    readonly h: StationHost,
    readonly info: EnrollResponse,
  ) {
    this.seq = info.lastSeq;
    this.clerkId = h.newId();
  }

  get id(): string {
    return this.info.stationId;
  }
  get code(): string {
    return this.info.stationCode;
  }
  get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.info.credential}` };
  }

  /** The next outbox op (seq + 1). */
  op(kind: string, caseId: string | null, payload: Record<string, unknown>, baseVersion: number | null): PushOp {
    this.seq += 1;
    return { seq: this.seq, opId: this.h.newId(), kind, caseId, payload, baseVersion, createdAt: nowInstant(this.h.clock) };
  }

  async push(ops: PushOp[], stationId = this.id, protocol = PROTOCOL_VERSION): Promise<Reply<PushResponse>> {
    return this.h.inject<PushResponse>({ method: 'POST', url: '/v1/sync/push', headers: this.headers, payload: { protocol, stationId, ops } });
  }

  /** Push and expect 200 (speaking `protocol`, the current version unless named). */
  async pushOk(ops: PushOp[], protocol = PROTOCOL_VERSION): Promise<PushResponse> {
    const r = await this.push(ops, this.id, protocol);
    if (r.status !== 200) throw new Error(`push: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async pull(cursor = '0', limit?: number): Promise<Reply<PullResponse>> {
    const q = new URLSearchParams({ cursor, protocol: PROTOCOL_VERSION, ...(limit ? { limit: String(limit) } : {}) });
    return this.h.inject<PullResponse>({ method: 'GET', url: `/v1/sync/pull?${q}`, headers: this.headers });
  }

  /** Pull every page from `cursor`; returns all changes and the final cursor. */
  async pullAll(cursor = '0', limit = 50): Promise<{ changes: PullResponse['changes']; cursor: string }> {
    const all: PullResponse['changes'] = [];
    for (let i = 0; i < 1000; i++) {
      const r = await this.pull(cursor, limit);
      if (r.status !== 200) throw new Error(`pull: ${r.status} ${JSON.stringify(r.body)}`);
      all.push(...r.body.changes);
      cursor = r.body.nextCursor;
      if (!r.body.hasMore) break;
    }
    return { changes: all, cursor };
  }

  /** A new draft (version 1), as cases.create writes it. */
  newCase(itemCode: string, family: Family, personId: string, form: Record<string, unknown>, received: readonly string[]): Case {
    const at = nowInstant(this.h.clock);
    const day = at.slice(0, 10).replaceAll('-', '');
    return {
      id: this.h.newId(),
      caseNo: `${this.code}-${day}-${String(this.seq + 1).padStart(4, '0')}`,
      family,
      itemCode,
      personId,
      proxy: null,
      status: 'draft',
      version: 1,
      form,
      materials: received.map((code) => ({ code, received: true, receivedAt: at })),
      promiseDate: null,
      acceptedAt: null,
      slaDue: null,
      clerkId: this.clerkId,
      stationCode: this.code,
      syncState: 'pending',
      syncError: null,
      createdAt: at,
      updatedAt: at,
    };
  }

  /** The case after a change: version + 1, stamped now. */
  next(c: Case, patch: Partial<Case>): Case {
    return { ...c, ...patch, version: c.version + 1, updatedAt: nowInstant(this.h.clock) };
  }

  /** The outbox op of a case change: `case.<event>` with the new snapshot; baseVersion = the previous version. */
  caseOp(kind: string, prev: Case | null, next: Case, extra: CaseOpExtra = {}): PushOp {
    const payload: Record<string, unknown> = { case: next, event: kind.slice('case.'.length), reason: extra.reason ?? null };
    if (extra.person) payload.person = extra.person;
    if (extra.attachments) payload.attachments = extra.attachments;
    if (extra.centralVersion !== undefined) payload.centralVersion = extra.centralVersion;
    return this.op(kind, next.id, payload, prev?.version ?? null);
  }
}
