import type { CatalogItem } from '../../shared/catalog/types';
import type { CaseRow, ClaimRow, OpSeen, PersonRow, PushState, StationRow } from '../store/types';

/** Finds the catalog item a case names, in the station's region (published catalog, else the default one). */
export type ItemLookup = (regionCode: string, itemCode: string) => CatalogItem | undefined;

/**
 * What the ops of one push are decided against: the state loaded for the batch, plus the effects of the ops of
 * the batch decided so far (so op n sees what ops 1…n−1 did before any of them is committed).
 */
export class ApplyContext {
  lastSeq: number;
  private readonly opsBySeq: Map<number, OpSeen>;
  private readonly opsById: Map<string, OpSeen>;
  private readonly cases: Map<string, CaseRow>;
  private readonly personsById = new Map<string, PersonRow>();
  private readonly personsByIdNumber = new Map<string, PersonRow[]>();
  private readonly claims: Map<string, ClaimRow>;
  private readonly blobs: Set<string>;
  private readonly claimKeys: Set<string>;
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly station: StationRow,
    state: PushState,
    claims: readonly ClaimRow[],
    /** Every claim key that was looked up for the batch (held or not). */
    claimKeys: Iterable<string>,
    readonly item: ItemLookup,
    /** Receipt time of the request (Shanghai instant) and its civil date. */
    readonly now: string,
    readonly today: string,
    /** The minor protocol version the station speaks. */
    readonly minor: number,
    /**
     * The ops came in a USB bundle (imported at central), not in the station's own push: the station gets no
     * answer for them, so every op's outcome goes to its change feed (`op.result`).
     */
    readonly viaBundle = false,
    /** Central's automatic rule: complete an on-the-spot (即时办结) item as its submission is applied. */
    readonly autoDecideOnTheSpot = false,
  ) {
    this.lastSeq = state.lastSeq;
    // Copies: deciding a batch again (after a failed commit) starts from the loaded state.
    this.opsBySeq = new Map(state.opsBySeq);
    this.opsById = new Map(state.opsById);
    this.cases = new Map(state.cases);
    for (const p of state.persons) this.putPerson(p);
    this.claims = new Map(claims.map((c) => [c.key, c]));
    this.claimKeys = new Set(claimKeys);
    for (const c of claims) this.claimKeys.add(c.key);
    this.blobs = state.blobs;
  }

  opAtSeq(seq: number): OpSeen | undefined {
    return this.opsBySeq.get(seq);
  }
  opById(opId: string): OpSeen | undefined {
    return this.opsById.get(opId);
  }
  caseById(id: string): CaseRow | undefined {
    return this.cases.get(id);
  }
  personById(id: string): PersonRow | undefined {
    const p = this.personsById.get(id);
    return p && !p.removed ? p : undefined;
  }
  /** A live person with this ID number, preferring the station's region. */
  personByIdNumber(idNumber: string): PersonRow | undefined {
    const all = (this.personsByIdNumber.get(idNumber) ?? []).filter((p) => !p.removed);
    return all.find((p) => p.regionCode === this.station.regionCode) ?? all[0];
  }
  /** The claim on `key`; throws MissingClaims when the batch did not load that key (the caller loads it and decides again). */
  claim(key: string): ClaimRow | undefined {
    if (!this.claimKeys.has(key)) throw new MissingClaims([key]);
    return this.claims.get(key);
  }
  /** Claims held by a case (those loaded for the batch: every case of the batch has all of its claims loaded). */
  claimsOfCase(caseId: string): ClaimRow[] {
    return [...this.claims.values()].filter((c) => c.caseId === caseId);
  }
  hasBlob(sha256: string): boolean {
    return this.blobs.has(sha256);
  }
  /** A value computed once per batch (pure functions of their key and of `today`: an ID number's birth date). */
  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = compute();
    this.memos.set(key, v);
    return v;
  }

  // — effects of a decided op —

  recordOp(seen: OpSeen): void {
    this.opsBySeq.set(seen.seq, seen);
    this.opsById.set(seen.opId, seen);
    this.lastSeq = seen.seq;
  }
  advance(seq: number): void {
    this.lastSeq = seq;
  }
  putCase(row: CaseRow): void {
    this.cases.set(row.id, row);
  }
  putPerson(p: PersonRow): void {
    this.personsById.set(p.id, p);
    const list = (this.personsByIdNumber.get(p.idNumber) ?? []).filter((q) => q.id !== p.id);
    list.push(p);
    this.personsByIdNumber.set(p.idNumber, list);
  }
  putClaims(add: readonly ClaimRow[], release: readonly string[]): void {
    for (const key of release) this.claims.delete(key);
    for (const c of add) {
      this.claims.set(c.key, c);
      this.claimKeys.add(c.key);
    }
  }
}

/** Thrown when deciding needs claim keys the batch did not load. */
export class MissingClaims extends Error {
  constructor(readonly keys: string[]) {
    super(`claim keys not loaded: ${keys.join(', ')}`);
  }
}
