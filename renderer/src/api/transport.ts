import type { ApiError, ApiResult } from '../../../shared/api/errors';

/** How the client reaches the core: the Electron bridge or HTTP in serve mode. Screens never see this. */
export interface Transport {
  readonly kind: 'electron' | 'http';
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  /** Subscribe to every pushed event; returns an unsubscribe function. */
  subscribe(handler: (event: string, data: unknown) => void): () => void;
  /** Subscribe to the state of the link to the core itself (the event stream). */
  onLink(handler: (up: boolean) => void): () => void;
}

export function transportError(message: string): ApiError {
  return { code: 'internal', message, retryable: true };
}
