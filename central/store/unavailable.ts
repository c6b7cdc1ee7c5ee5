/**
 * Whether an error means the database cannot be reached right now — a terminated connection, a server restarting
 * or shutting down, a refused or timed-out connection, SQLite busy past its timeout — rather than a bug or a bad
 * request. Such a request is answered 503 `unavailable` with Retry-After: the station tries again, central
 * reconnects on its own (pg's pool opens new connections), and nothing half-done was answered.
 */
const PG_CODES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, a fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '53300', // too_many_connections
  '55P03', // lock_not_available (lock_timeout on a station's push lock)
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'SQLITE_BUSY', 'SQLITE_LOCKED']);
const MESSAGES = /Connection terminated|connection error and is not queryable|not queryable|timeout exceeded when trying to connect|Client was closed|the database system is (starting up|shutting down|in recovery)|terminating connection/i;

export function isStoreUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const err = cur as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof err.code === 'string' && (PG_CODES.has(err.code) || NET_CODES.has(err.code))) return true;
    if (typeof err.message === 'string' && MESSAGES.test(err.message)) return true;
    cur = err.cause;
  }
  return false;
}

/** Seconds a station should wait before retrying a request refused while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 2;
