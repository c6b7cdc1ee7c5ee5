import { CENTRAL_MINOR_KEY, type CoreContext } from '../../context';
import { CHANGE_KINDS, CHANGE_KIND_SINCE, PROTOCOL_MINOR, type CentralBundleKey } from '../../../shared/sync';
import type { CentralTls } from '../../../shared/sync/tls';

/** The keys the sync engine keeps in `sync_meta`. */
const K = {
  url: 'central.url',
  stationId: 'station.id',
  credential: 'station.credential',
  cursor: 'pull.cursor',
  seqOffset: 'push.seqOffset',
  lastSuccessAt: 'last.successAt',
  lastError: 'last.error',
  centralMinor: CENTRAL_MINOR_KEY,
  signingKey: 'bundle.signingKey',
  centralKey: 'central.bundleKey',
  tlsPin: 'central.tls.pin',
  tlsCa: 'central.tls.ca',
} as const;

/**
 * The station's signing key for bundles (Ed25519): the private key (PKCS#8 DER, base64) is kept only here, in the
 * store (which is encrypted); central knows the public key by `keyId`.
 */
export interface SigningKeyMeta {
  keyId: string;
  privateKey: string;
  publicKey: string;
}

export interface SyncConfig {
  centralUrl: string;
  stationId: string;
  credential: string;
}

export class SyncMetaStore {
  constructor(private readonly ctx: CoreContext) {}

  private get(k: string): string | null {
    return this.ctx.repos.syncMeta.get(k);
  }

  config(): SyncConfig | null {
    const centralUrl = this.get(K.url);
    const stationId = this.get(K.stationId);
    const credential = this.get(K.credential);
    return centralUrl && stationId && credential ? { centralUrl, stationId, credential } : null;
  }

  setConfig(c: SyncConfig, seqOffset: number): void {
    const s = this.ctx.repos.syncMeta;
    s.set(K.url, c.centralUrl);
    s.set(K.stationId, c.stationId);
    s.set(K.credential, c.credential);
    s.set(K.seqOffset, String(seqOffset));
  }

  /** How this station trusts central's certificate beyond the system's store (set at connect time). */
  tls(): CentralTls {
    return { pinSha256: this.get(K.tlsPin), caPem: this.get(K.tlsCa) };
  }

  /** Kept with the connection: a new connection replaces both (absent ones are cleared). */
  setTls(t: CentralTls): void {
    this.ctx.repos.syncMeta.set(K.tlsPin, t.pinSha256 ?? null);
    this.ctx.repos.syncMeta.set(K.tlsCa, t.caPem ?? null);
  }

  /** The key this station signs its bundles with, once central has registered it. */
  signingKey(): SigningKeyMeta | null {
    const v = this.get(K.signingKey);
    return v ? (JSON.parse(v) as SigningKeyMeta) : null;
  }

  /** Central's key bundles are sealed for (from enrollment). */
  centralKey(): CentralBundleKey | null {
    const v = this.get(K.centralKey);
    return v ? (JSON.parse(v) as CentralBundleKey) : null;
  }

  /** Both keys together (central has registered the signing key and answered its own). */
  setBundleKeys(signing: SigningKeyMeta, central: CentralBundleKey): void {
    this.ctx.tx(() => {
      this.ctx.repos.syncMeta.set(K.signingKey, JSON.stringify(signing));
      this.ctx.repos.syncMeta.set(K.centralKey, JSON.stringify(central));
    });
  }

  /** A re-enrollment without keys (a central older than 1.2): the old key is no longer central's to verify. */
  clearBundleKeys(): void {
    this.ctx.tx(() => {
      this.ctx.repos.syncMeta.set(K.signingKey, null);
      this.ctx.repos.syncMeta.set(K.centralKey, null);
    });
  }

  cursor(): string {
    return this.get(K.cursor) ?? '0';
  }

  setCursor(c: string): void {
    this.ctx.repos.syncMeta.set(K.cursor, c);
  }

  seqOffset(): number {
    return Number(this.get(K.seqOffset) ?? '0');
  }

  /** The minor protocol version central announced when the station last talked to it (0 until then). */
  centralMinor(): number {
    const v = Number(this.get(K.centralMinor) ?? '0');
    return Number.isSafeInteger(v) && v >= 0 ? v : 0;
  }

  /** The minor the station speaks: its own, or central's if central is older. */
  speaks(): number {
    return this.ctx.protocolMinor();
  }

  /**
   * Record the minor central announced (GET /v1/health). If the station now speaks a newer minor that brings
   * change kinds central withheld from it so far, the pull cursor goes back to the start (full resync).
   */
  setCentralMinor(minor: number): void {
    const before = this.speaks();
    if (minor === this.centralMinor()) return;
    const after = Math.min(PROTOCOL_MINOR, minor);
    this.ctx.tx(() => {
      this.ctx.repos.syncMeta.set(K.centralMinor, String(minor));
      if (after > before && CHANGE_KINDS.some((k) => CHANGE_KIND_SINCE[k] > before && CHANGE_KIND_SINCE[k] <= after)) {
        this.ctx.repos.syncMeta.set(K.cursor, '0');
      }
    });
  }

  lastSuccessAt(): string | null {
    return this.get(K.lastSuccessAt);
  }

  lastError(): string | null {
    return this.get(K.lastError);
  }

  recordOutcome(at: string, error: string | null): void {
    this.ctx.tx(() => {
      if (error === null) this.ctx.repos.syncMeta.set(K.lastSuccessAt, at);
      this.ctx.repos.syncMeta.set(K.lastError, error);
    });
  }
}
