import type { CaseRow, ChangeRow, OpSeen, StationRow, Store } from '../../central/store/types';
import type { BackOfficeHttp } from '../../central/testing/back-office';
import type { CentralFacts } from './consistency';

/**
 * What the consistency checks read of central, from its database directly (beside central processes that own
 * it, or under an in-process central: tests/sync/central-host.ts) and its attachments through a back office.
 */
export class StoreFacts implements CentralFacts {
  /** `bytes`: the back office that serves attachments, or a function that fetches one (null when central has none). */
  constructor(
    private readonly store: Store,
    private readonly bytes: BackOfficeHttp | ((sha256: string) => Promise<Buffer | null>),
  ) {}

  async station(code: string): Promise<StationRow> {
    const s = await this.store.stationByCode(code);
    if (!s) throw new Error(`central does not know station ${code}`);
    return s;
  }

  async cases(stationId: string): Promise<CaseRow[]> {
    return this.store.listCases({ stationId, limit: 1_000_000 });
  }

  async ops(station: StationRow): Promise<OpSeen[]> {
    const seqs = Array.from({ length: station.lastSeq }, (_, i) => i + 1);
    const state = await this.store.loadPushState({ stationId: station.id, seqs, opIds: [], caseIds: [], personIds: [], idNumbers: [], sha256s: [] });
    return [...state.opsBySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  async changesFor(station: StationRow): Promise<ChangeRow[]> {
    const out: ChangeRow[] = [];
    for (let after = 0; ; ) {
      const page = await this.store.pullChanges({ stationId: station.id, regionCode: station.regionCode, after, limit: 5_000, maxSince: 1_000 });
      out.push(...page);
      if (page.length < 5_000) return out;
      after = page[page.length - 1]!.id;
    }
  }

  async blob(sha256: string): Promise<Buffer | null> {
    if (typeof this.bytes === 'function') return this.bytes(sha256);
    const r = await this.bytes.bytes(`/v1/admin/blobs/${sha256}`);
    if (r.status === 404) return null;
    if (r.status !== 200) throw new Error(`GET blob ${sha256}: ${r.status}`);
    return r.body;
  }

}
