import { useSyncExternalStore } from 'react';
import type { ChannelOutput } from '../../../shared/api/contract';
import type { EventPayload } from '../../../shared/api/events';
import { api } from '../api/client';

/**
 * The connection to central as the whole window sees it (status bar, sync panel, settings): `sync.status`
 * read once signed in, kept current by the core's `sync.status` and `progress` events (each status event
 * triggers one debounced re-read, which also brings `running`, `lastError` and the refused ops).
 */
export type SyncStatusView = ChannelOutput<'sync.status'>;
export type SyncProgress = EventPayload<'progress'>;

export interface SyncSnapshot {
  view: SyncStatusView | null;
  /** The latest message of a `sync.status` event (an error, a warning), or null. */
  message: string | null;
  /** Progress of the run under way (task 'sync'), or null. */
  progress: SyncProgress | null;
}

let snapshot: SyncSnapshot = { view: null, message: null, progress: null };
let inflight: Promise<void> | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let listening = false;
const listeners = new Set<() => void>();

function set(next: Partial<SyncSnapshot>): void {
  snapshot = { ...snapshot, ...next };
  listeners.forEach((l) => l());
}

/** Read `sync.status` now (one request at a time). */
export function refreshSyncStatus(): Promise<void> {
  inflight ??= api()
    .invoke('sync.status', {})
    .then((r) => {
      if (r.ok) set({ view: r.value, ...(r.value.status.running ? {} : { progress: null }) });
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

function scheduleRefresh(delayMs = 250): void {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void refreshSyncStatus();
  }, delayMs);
}

/** What `sync.now` answered replaces the status at once. */
export function applySyncResult(status: SyncStatusView['status']): void {
  set({ view: snapshot.view ? { ...snapshot.view, status } : { status, rejected: [] }, progress: null });
  scheduleRefresh(0);
}

function listen(): void {
  if (listening) return;
  listening = true;
  api().on('sync.status', (e) => {
    const v = snapshot.view;
    set({
      message: e.message,
      view: v ? { ...v, status: { ...v.status, online: v.status.configured ? e.online : v.status.online, pending: e.pending, lastSuccessAt: e.lastSuccessAt } } : v,
    });
    scheduleRefresh();
  });
  api().on('progress', (p) => {
    if (p.task !== 'sync') return;
    const v = snapshot.view;
    set({ progress: p, view: v && !v.status.running ? { ...v, status: { ...v.status, running: true } } : v });
  });
}

function subscribe(l: () => void): () => void {
  listen();
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useSyncStatus(): SyncSnapshot {
  return useSyncExternalStore(subscribe, () => snapshot);
}
