import { useSyncExternalStore } from 'react';
import type { ChannelOutput } from '../../../shared/api/contract';
import { api } from '../api/client';

/**
 * `queue.counts` shared by the queue header and the status bar: one request at a time, one debounced refresh
 * after changes. Counting 100k cases costs the core tens of milliseconds, so nobody asks for it before the
 * queue's first page is on screen.
 */
type Counts = ChannelOutput<'queue.counts'>;

let current: Counts | null = null;
let inflight: Promise<void> | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

export function refreshCounts(): Promise<void> {
  inflight ??= api()
    .invoke('queue.counts', {})
    .then((r) => {
      if (r.ok) {
        current = r.value;
        listeners.forEach((l) => l());
      }
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

/** Refresh soon (after a burst of `cases.changed` events settles). */
export function scheduleCountsRefresh(delayMs = 400): void {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void refreshCounts();
  }, delayMs);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useQueueCounts(): Counts | null {
  return useSyncExternalStore(subscribe, () => current);
}
