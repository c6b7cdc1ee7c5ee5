import { SyncFailure } from './http';

export interface Backoff {
  baseMs: number;
  maxMs: number;
  attempts: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The first retry goes out at once (a dropped request on a poor link), the backoff starts after it. */
  immediate?: boolean;
}

export const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Retries of one request inside a sync round (push, upload, pull): the first at once, then 50 ms, 100 ms … up to
 * 1 s, sixteen tries in all (about 12 s of waiting) — on a link that loses half its requests a round of a thousand
 * requests almost never fails for want of tries (0.5¹⁶ per request), and a failed request costs a moment, not the
 * round's backoff (which spaces rounds: seconds to minutes).
 */
export const REQUEST_RETRY: Omit<Backoff, 'random' | 'sleep'> = { baseMs: 50, maxMs: 1_000, attempts: 16, immediate: true };

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
      if (b.immediate && attempt === 0) continue;
      await b.sleep(backoffDelay(b, b.immediate ? attempt - 1 : attempt));
    }
  }
}
