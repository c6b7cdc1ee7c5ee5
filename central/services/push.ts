import { nowInstant, localDateOfInstant } from '../../shared/time';
import type { PushOp } from '../../shared/sync/ops';
import type { OpResult, PushRequest, PushResponse } from '../../shared/sync/push';
import type { PushQuery, StationRow } from '../store/types';
import { ApplyContext, MissingClaims } from '../apply/context';
import { decideOp, type Decision } from '../apply/decide';
import { claimSpecs } from '../apply/claims';
import type { CentralContext } from './context';
import { fail } from './errors';

const MAX_CONFLICTS = 4;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const strOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** What the batch needs loaded, read leniently from payloads not validated yet (validation happens per op). */
function queryFor(stationId: string, ops: readonly PushOp[]): PushQuery {
  const q: PushQuery = { stationId, seqs: [], opIds: [], caseIds: [], personIds: [], idNumbers: [], sha256s: [] };
  for (const op of ops) {
    q.seqs.push(op.seq);
    q.opIds.push(op.opId);
    if (op.caseId) q.caseIds.push(op.caseId);
    const c = obj(op.payload.case);
    const personId = strOf(c?.personId);
    if (personId) q.personIds.push(personId);
    const person = obj(op.payload.person);
    const id = strOf(person?.id);
    if (id) q.personIds.push(id);
    const idNumber = strOf(person?.idNumber);
    if (idNumber) q.idNumbers.push(idNumber.trim().toUpperCase(), idNumber);
    const attachments = op.payload.attachments;
    if (Array.isArray(attachments)) for (const a of attachments) {
      const h = strOf(obj(a)?.sha256);
      if (h) q.sha256s.push(h);
    }
  }
  return q;
}

/** Claim keys the batch's cases may touch (from the raw forms; a key missed here is loaded on demand). */
function claimKeysFor(ctx: CentralContext, station: StationRow, ops: readonly PushOp[], idNumberOf: (personId: string) => string | null): string[] {
  const keys = new Set<string>();
  for (const op of ops) {
    const c = obj(op.payload.case);
    const form = obj(c?.form);
    const itemCode = strOf(c?.itemCode);
    if (!c || !form || !itemCode) continue;
    const item = ctx.catalog.item(station.regionCode, itemCode);
    if (!item) continue;
    const personId = strOf(c.personId);
    const idNumber = (personId && idNumberOf(personId)) ?? strOf(obj(op.payload.person)?.idNumber)?.trim().toUpperCase() ?? null;
    for (const s of claimSpecs(item, form, idNumber, station.regionCode)) keys.add(s.key);
  }
  return [...keys];
}

function checkOrder(ops: readonly PushOp[]): void {
  const opIds = new Set<string>();
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (i > 0 && op.seq <= ops[i - 1]!.seq) fail('invalid-request', `操作应按 seq 严格递增排列（第 ${i + 1} 条的 seq ${op.seq} 不大于前一条）`, { field: `ops.${i}.seq` });
    if (opIds.has(op.opId)) fail('invalid-request', `同一请求中 opId ${op.opId} 出现了两次`, { field: `ops.${i}.opId` });
    opIds.add(op.opId);
  }
}

/** New ops must continue lastSeq without a gap; otherwise nothing is applied. */
function checkContiguous(ops: readonly PushOp[], lastSeq: number): void {
  let expected = lastSeq + 1;
  for (const op of ops) {
    if (op.seq <= lastSeq) continue;
    if (op.seq !== expected) {
      fail('out-of-order', `操作序号不连续：中心已处理到 ${lastSeq}，下一条应为 ${expected}，收到的是 ${op.seq}。请从 ${expected} 起按顺序推送`, {
        expectedSeq: expected,
      });
    }
    expected += 1;
  }
}

interface Attempt {
  results: OpResult[];
  /** Ops not settled by this attempt (to decide again on fresh state), from the first unsettled one. */
  rest: readonly PushOp[];
  /** Claim keys the next attempt must load. */
  moreKeys: string[];
  lastSeq: number;
  /** The attempt met a concurrent change (not just missing claim keys). */
  conflict: boolean;
  /** Resolves when what this attempt committed is durable. */
  durable: Promise<void>;
}

/**
 * One pass over the ops: load the state they need in a few queries, then decide them in order, handing each
 * op's commit to the store as soon as it is decided (PostgreSQL commits op n while op n + 1 is being decided).
 * Stops at a blocked op, at an op whose claims were not loaded, or where a commit found the state changed.
 */
async function attempt(
  ctx: CentralContext,
  station: StationRow,
  ops: readonly PushOp[],
  minor: number,
  viaBundle: boolean,
  first: boolean,
  extraKeys: readonly string[],
  stream: string | undefined,
): Promise<Attempt> {
  await ctx.catalog.ensure(station.regionCode);
  // The claim keys the batch's cases may take, as far as the ops themselves tell (a person's ID number from the
  // op, or from the person.registered op of the batch), are loaded with the rest of the state: one round trip.
  const inBatch = new Map<string, string>();
  for (const op of ops) {
    const person = obj(op.payload.person);
    const id = strOf(person?.id);
    const idNumber = strOf(person?.idNumber);
    if (op.kind === 'person.registered' && id && idNumber) inBatch.set(id, idNumber.trim().toUpperCase());
  }
  const early = [...new Set([...claimKeysFor(ctx, station, ops, (id) => inBatch.get(id) ?? null), ...extraKeys])];
  const state = await ctx.store.loadPushState({ ...queryFor(station.id, ops), claimKeys: early });
  if (stream !== undefined) {
    // A retired key's bundle: its ops continue that key's own seq line, not the station's.
    const key = (await ctx.store.stationKeys(station.id)).find((k) => k.keyId === stream);
    if (key?.streamSeq === null || key?.streamSeq === undefined) fail('forbidden', '离线数据包的签名密钥不是已停用的密钥');
    state.lastSeq = key.streamSeq;
  }
  if (first) checkContiguous(ops, state.lastSeq);
  const idNumbers = new Map(state.persons.map((p) => [p.id, p.idNumber]));
  for (const c of state.cases.values()) if (c.personIdNumber) idNumbers.set(c.personId, c.personIdNumber);
  // With central's own knowledge of the persons: keys the ops alone did not tell are loaded now.
  const loaded = new Set(early);
  const late = claimKeysFor(ctx, station, ops, (id) => idNumbers.get(id) ?? null).filter((k) => !loaded.has(k));
  const held = late.length > 0 ? [...state.claims, ...(await ctx.store.claimsByKeys(late))] : state.claims;
  const keys = [...early, ...late];
  const now = nowInstant(ctx.clock);
  const actx = new ApplyContext(station, state, held, keys, ctx.catalog.item.bind(ctx.catalog), now, localDateOfInstant(now), minor, viaBundle, ctx.config.autoDecide?.onTheSpot === true);

  const decisions: Decision[] = [];
  const commitIndex: number[] = [];
  let moreKeys: string[] = [];
  const batch = await ctx.store.openCommitBatch(station.id, stream);
  let outcome;
  try {
    for (const op of ops) {
      let d: Decision;
      try {
        d = decideOp(actx, op);
      } catch (e) {
        if (!(e instanceof MissingClaims)) throw e;
        moreKeys = e.keys;
        break;
      }
      decisions.push(d);
      if (d.kind === 'commit') {
        commitIndex.push(decisions.length - 1);
        batch.add(stream === undefined ? d.commit : { ...d.commit, stream });
      }
      if (d.kind === 'blocked') break;
    }
  } finally {
    outcome = await batch.finish();
  }
  let settled = decisions.length;
  if (outcome.failure !== null) settled = commitIndex[outcome.committed]!;
  const committed = commitIndex.slice(0, outcome.committed).map((i) => decisions[i]);
  const lastCommit = committed[committed.length - 1];
  const blocked = decisions[decisions.length - 1]?.kind === 'blocked' && settled === decisions.length;
  return {
    results: decisions.slice(0, settled).map((d) => d.result),
    rest: blocked ? [] : ops.slice(settled),
    moreKeys,
    lastSeq: lastCommit?.kind === 'commit' ? lastCommit.commit.seq : state.lastSeq,
    conflict: outcome.failure !== null,
    durable: outcome.durable,
  };
}

/**
 * POST /v1/sync/push: apply a station's ops in seq order, each at most once, each in one transaction with the
 * station's lastSeq and its change-log rows (ops may share one). If a commit finds the state changed under it (a
 * reviewer acted on a case, another server process pushed for the station), the ops from there are decided again
 * on fresh state. `stream`: the ops come in a bundle signed with that retired key, and take its seq line.
 */
export async function push(ctx: CentralContext, station: StationRow, req: PushRequest, minor: number, via: 'push' | 'bundle' = 'push', stream?: string): Promise<PushResponse> {
  if (req.stationId !== station.id) fail('station-mismatch', '请求中的 stationId 与站点凭证不符');
  checkOrder(req.ops);
  // The station's lock is held while its ops are decided and committed, not while the commits are flushed to
  // disk: the station's next batch (already sent) is decided meanwhile. The answer waits for the flush.
  const durable: Promise<void>[] = [];
  // Two locks: the in-process one queues this process's requests of the station (so that only one of them waits on
  // a database connection), the store's one (PostgreSQL: an advisory lock) orders the station's pushes across every
  // central process on the database — a batch sent to two processes at once is decided by one, then answered as
  // duplicates by the other, each with the true outcome.
  const answer = await ctx.locks.run(`station:${station.id}`, async () => {
    const unlock = await ctx.store.lockStation(station.id);
    try {
      return await decideAll();
    } finally {
      await unlock();
    }
  });
  await Promise.all(durable);
  return answer;

  async function decideAll(): Promise<PushResponse> {
    const results: OpResult[] = [];
    let pending: readonly PushOp[] = req.ops;
    let keys: string[] = [];
    let lastSeq = 0;
    let conflicts = 0;
    for (let pass = 0; pending.length > 0; pass++) {
      if (conflicts >= MAX_CONFLICTS || pass > req.ops.length + MAX_CONFLICTS) fail('unavailable', '中心繁忙（数据正被同时修改），请稍后重试');
      const a = await attempt(ctx, station, pending, minor, via === 'bundle', pass === 0, keys, stream);
      durable.push(a.durable);
      results.push(...a.results);
      lastSeq = Math.max(lastSeq, a.lastSeq);
      pending = a.rest;
      keys = [...keys, ...a.moreKeys];
      if (a.conflict) conflicts += 1;
    }
    return { lastSeq, results, serverTime: nowInstant(ctx.clock) };
  }
}
