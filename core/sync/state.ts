import type { CoreContext } from '../context';

/** The keys the sync engine keeps in `sync_state`. */
const K = {
  url: 'central.url',
  stationId: 'station.id',
  credential: 'station.credential',
  cursor: 'pull.cursor',
  seqOffset: 'push.seqOffset',
  lastSuccessAt: 'last.successAt',
  lastError: 'last.error',
} as const;

export interface SyncConfig {
  centralUrl: string;
  stationId: string;
  credential: string;
}

export class SyncStateStore {
  constructor(private readonly ctx: CoreContext) {}

  private get(k: string): string | null {
    return this.ctx.repos.syncState.get(k);
  }

  config(): SyncConfig | null {
    const centralUrl = this.get(K.url);
    const stationId = this.get(K.stationId);
    const credential = this.get(K.credential);
    return centralUrl && stationId && credential ? { centralUrl, stationId, credential } : null;
  }

  setConfig(c: SyncConfig, seqOffset: number): void {
    const s = this.ctx.repos.syncState;
    s.set(K.url, c.centralUrl);
    s.set(K.stationId, c.stationId);
    s.set(K.credential, c.credential);
    s.set(K.seqOffset, String(seqOffset));
  }

  cursor(): string {
    return this.get(K.cursor) ?? '0';
  }

  setCursor(c: string): void {
    this.ctx.repos.syncState.set(K.cursor, c);
  }

  seqOffset(): number {
    return Number(this.get(K.seqOffset) ?? '0');
  }

  lastSuccessAt(): string | null {
    return this.get(K.lastSuccessAt);
  }

  lastError(): string | null {
    return this.get(K.lastError);
  }

  recordOutcome(at: string, error: string | null): void {
    this.ctx.tx(() => {
      if (error === null) this.ctx.repos.syncState.set(K.lastSuccessAt, at);
      this.ctx.repos.syncState.set(K.lastError, error);
    });
  }
}
