import path from 'node:path';
import type { Clock } from '../shared/time';
import { systemClock } from '../shared/time';

/** Everything the central server can be told; `configFromEnv` reads it from the environment. */
export interface CentralConfig {
  /** Attachments, partial uploads and (without databaseUrl) the SQLite file live here. */
  dataDir: string;
  /** PostgreSQL when set; embedded SQLite in dataDir otherwise. */
  databaseUrl: string | null;
  /** PostgreSQL connections of this process's main pool (CENTRAL_DB_POOL_MAX; the push locks have a pool of their own). */
  databasePoolMax: number;
  /**
   * Attachment requests (an upload's create and its chunks) this process works on at once (CENTRAL_UPLOAD_CONCURRENCY;
   * 0: no limit). Those beyond wait in arrival order, their bodies not read yet; pushes and pulls never wait behind
   * them — without it, a crowd of scans queued every push of the round for the database's connections.
   */
  uploadConcurrency: number;
  /**
   * Where attachment bytes and partial uploads live (central/blobs/store.ts); null: dataDir. Several central
   * processes serving the same stations must share it (one mounted directory).
   */
  blobDir: string | null;
  /**
   * Central's bundle key (X25519, PKCS#8 PEM) that stations seal their offline bundles for: made on first start
   * (mode 0600), never in the database. Null: `<dataDir>/bundle-key.pem`. Several central processes share one file.
   */
  bundleKeyFile: string | null;
  host: string;
  port: number;
  /**
   * Serve HTTPS with this certificate chain and private key (PEM files: CENTRAL_TLS_CERT, CENTRAL_TLS_KEY); null:
   * plain HTTP — only on loopback, or behind a proxy that terminates TLS. Stations refuse http:// to anything but
   * their own machine.
   */
  tls: { certFile: string; keyFile: string } | null;
  /** The back office of named accounts (central/services/back-office.ts). */
  backOffice: {
    /** How long a sign-in token lasts (minutes), at most. */
    tokenTtlMinutes: number;
    /** A payout above this many fen needs a second payer's confirmation (four-eyes) before it reaches the station. */
    payoutConfirmAboveFen: number;
    /** Wrong passwords in a row that lock an account, and for how long. */
    maxLoginFailures: number;
    lockMinutes: number;
  };
  logLevel: 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  /** Where log lines go (stdout by default); tests capture them here. */
  logStream?: { write(line: string): void };
  limits: {
    /** Largest JSON body of a station request. */
    maxBodyBytes: number;
    /** Largest JSON body of a back-office request (publishing a catalog or a roster chunk). */
    maxAdminBodyBytes: number;
    /** Largest PATCH chunk of an upload. */
    chunkMaxBytes: number;
    /** Largest attachment. */
    maxUploadBytes: number;
  };
  retention: {
    /** Keep at most this many changes (null: no limit by count). */
    keepChanges: number | null;
    /** Drop changes older than this many days (null: no limit by age). */
    keepDays: number | null;
    /** How often the server prunes (null: only when asked). */
    pruneEveryMs: number | null;
  };
  enroll: { codeTtlHours: number; maxFailures: number };
  /**
   * Central's automatic rule: items handled on the spot (即时办结) are decided as they arrive — completed once
   * central's checks pass — and the station hears it in the same sync round. Off in tests by default; on for a
   * server configured from the environment unless CENTRAL_AUTO_DECIDE_ON_THE_SPOT=false.
   */
  autoDecide: { onTheSpot: boolean };
  clock: Clock;
}

export const DEFAULT_PORT = 8780;

export function defaultConfig(overrides: Partial<CentralConfig> = {}): CentralConfig {
  return {
    dataDir: path.resolve('central-data'),
    databaseUrl: null,
    databasePoolMax: 20,
    uploadConcurrency: 16,
    blobDir: null,
    bundleKeyFile: null,
    host: '127.0.0.1',
    port: DEFAULT_PORT,
    tls: null,
    backOffice: { tokenTtlMinutes: 8 * 60, payoutConfirmAboveFen: 10_000_00, maxLoginFailures: 5, lockMinutes: 15 },
    logLevel: 'info',
    limits: { maxBodyBytes: 8 * 1024 * 1024, maxAdminBodyBytes: 64 * 1024 * 1024, chunkMaxBytes: 4 * 1024 * 1024, maxUploadBytes: 64 * 1024 * 1024 },
    retention: { keepChanges: null, keepDays: 180, pruneEveryMs: 60 * 60 * 1000 },
    enroll: { codeTtlHours: 72, maxFailures: 5 },
    autoDecide: { onTheSpot: false },
    clock: systemClock,
    ...overrides,
  };
}

function int(v: string | undefined, name: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

function tlsFromEnv(env: NodeJS.ProcessEnv): CentralConfig['tls'] {
  const cert = env.CENTRAL_TLS_CERT || undefined;
  const key = env.CENTRAL_TLS_KEY || undefined;
  if (!cert && !key) return null;
  if (!cert || !key) throw new Error('CENTRAL_TLS_CERT and CENTRAL_TLS_KEY go together: the certificate (PEM) and its private key (PEM)');
  return { certFile: path.resolve(cert), keyFile: path.resolve(key) };
}

/**
 * From the environment: CENTRAL_DATA_DIR, DATABASE_URL, CENTRAL_DB_POOL_MAX, CENTRAL_UPLOAD_CONCURRENCY, CENTRAL_BLOB_DIR, CENTRAL_BUNDLE_KEY_FILE, CENTRAL_HOST, CENTRAL_PORT, CENTRAL_TLS_CERT, CENTRAL_TLS_KEY, CENTRAL_TOKEN_TTL_MINUTES, CENTRAL_PAYOUT_CONFIRM_ABOVE_FEN,
 * CENTRAL_LOG_LEVEL, CENTRAL_MAX_BODY_BYTES, CENTRAL_CHUNK_MAX_BYTES, CENTRAL_MAX_UPLOAD_BYTES,
 * CENTRAL_KEEP_CHANGES, CENTRAL_KEEP_DAYS.
 */
export function configFromEnv(env: NodeJS.ProcessEnv, overrides: Partial<CentralConfig> = {}): CentralConfig {
  const base = defaultConfig();
  const limits = { ...base.limits };
  limits.maxBodyBytes = int(env.CENTRAL_MAX_BODY_BYTES, 'CENTRAL_MAX_BODY_BYTES') ?? limits.maxBodyBytes;
  limits.chunkMaxBytes = int(env.CENTRAL_CHUNK_MAX_BYTES, 'CENTRAL_CHUNK_MAX_BYTES') ?? limits.chunkMaxBytes;
  limits.maxUploadBytes = int(env.CENTRAL_MAX_UPLOAD_BYTES, 'CENTRAL_MAX_UPLOAD_BYTES') ?? limits.maxUploadBytes;
  const keepChanges = int(env.CENTRAL_KEEP_CHANGES, 'CENTRAL_KEEP_CHANGES');
  const keepDays = int(env.CENTRAL_KEEP_DAYS, 'CENTRAL_KEEP_DAYS');
  const level = env.CENTRAL_LOG_LEVEL as CentralConfig['logLevel'] | undefined;
  return {
    ...base,
    dataDir: path.resolve(env.CENTRAL_DATA_DIR || base.dataDir),
    databaseUrl: env.DATABASE_URL || null,
    databasePoolMax: int(env.CENTRAL_DB_POOL_MAX, 'CENTRAL_DB_POOL_MAX') ?? base.databasePoolMax,
    uploadConcurrency: int(env.CENTRAL_UPLOAD_CONCURRENCY, 'CENTRAL_UPLOAD_CONCURRENCY') ?? base.uploadConcurrency,
    blobDir: env.CENTRAL_BLOB_DIR ? path.resolve(env.CENTRAL_BLOB_DIR) : null,
    bundleKeyFile: env.CENTRAL_BUNDLE_KEY_FILE ? path.resolve(env.CENTRAL_BUNDLE_KEY_FILE) : null,
    host: env.CENTRAL_HOST || base.host,
    tls: tlsFromEnv(env),
    port: int(env.CENTRAL_PORT, 'CENTRAL_PORT') ?? base.port,
    backOffice: {
      ...base.backOffice,
      tokenTtlMinutes: int(env.CENTRAL_TOKEN_TTL_MINUTES, 'CENTRAL_TOKEN_TTL_MINUTES') ?? base.backOffice.tokenTtlMinutes,
      payoutConfirmAboveFen: int(env.CENTRAL_PAYOUT_CONFIRM_ABOVE_FEN, 'CENTRAL_PAYOUT_CONFIRM_ABOVE_FEN') ?? base.backOffice.payoutConfirmAboveFen,
    },
    logLevel: level ?? base.logLevel,
    autoDecide: { onTheSpot: env.CENTRAL_AUTO_DECIDE_ON_THE_SPOT !== 'false' },
    limits,
    retention: {
      ...base.retention,
      keepChanges: keepChanges ?? base.retention.keepChanges,
      keepDays: keepDays ?? base.retention.keepDays,
    },
    ...overrides,
  };
}
