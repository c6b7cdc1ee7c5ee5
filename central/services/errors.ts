import { SYNC_ERROR_STATUS, type SyncError, type SyncErrorCode } from '../../shared/sync/errors';

/** A refusal a service throws; the HTTP layer answers it as `SyncError` with the code's status. */
export class CentralError extends Error {
  readonly status: number;
  constructor(readonly body: SyncError) {
    super(body.message);
    this.name = 'CentralError';
    this.status = SYNC_ERROR_STATUS[body.code];
  }
}

const RETRYABLE: ReadonlySet<SyncErrorCode> = new Set(['conflict', 'out-of-order', 'offset-mismatch', 'too-many-requests', 'internal', 'unavailable']);

export function fail(code: SyncErrorCode, message: string, extra: Partial<Omit<SyncError, 'code' | 'message'>> = {}): never {
  throw new CentralError({ code, message, retryable: RETRYABLE.has(code), ...extra });
}
