import { SyncFailure } from './http';

export interface Backoff {
  baseMs: number;
  maxMs: number;
  attempts: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Capped exponential backoff with jitter: base·2^i, at most max, times a random factor in [0.5, 1). */
export function backoffDelay(b: Pick<Backoff, 'baseMs' | 'maxMs' | 'random'>, attempt: number): number {
  const raw = Math.min(b.maxMs, b.baseMs * 2 ** attempt);
  return Math.round(raw * (0.5 + b.random() / 2));
}

/** Run `fn`, retrying failures that may succeed later (network, 5xx, 429, retryable codes). */
export async function withRetry<T>(b: Backoff, fn: () => Promise<T>, onRetry?: (e: SyncFailure, attempt: number) => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof SyncFailure) || !e.retryable || attempt + 1 >= b.attempts) throw e;
      onRetry?.(e, attempt);
      await b.sleep(backoffDelay(b, attempt));
    }
  }
}
