import { useSyncExternalStore } from 'react';
import type { ChannelOutput } from '../../../shared/api/contract';
import type { EventPayload } from '../../../shared/api/events';
import { api } from '../api/client';

/**
 * The connection to central as the whole window sees it (status bar, sync panel, settings): `sync.status` read
 * when a screen that shows it mounts and after "立即同步", kept current by the core's `sync.status` events — which
 * carry everything the status bar shows (configured, online, running, pending, refused cases, last success,
 * message) — and `progress` events. An event is applied as it is, never followed by a read; what it does not
 * carry (the refused ops themselves, the next attempt) is marked stale for the sync panel to read again.
 */
export type SyncStatusView = ChannelOutput<'sync.status'>;
export type SyncStatus = SyncStatusView['status'];
export type SyncProgress = EventPayload<'progress'>;
export type SyncStatusEvent = EventPayload<'sync.status'>;

export interface SyncSnapshot {
  view: SyncStatusView | null;
  /** Progress of the run under way (task 'sync'), or null. */
  progress: SyncProgress | null;
  /**
   * An event said what the last read cannot show: central refused more or fewer cases than the refused list was
   * read with, a run ended (the next attempt moved), or the station was (dis)connected. The sync panel reads again.
   */
  stale: boolean;
}

let snapshot: SyncSnapshot = { view: null, progress: null, stale: false };
let inflight: Promise<void> | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let listening = false;
/** Events (and run results) applied so far: a read that one overtook keeps what it carried and reads again. */
let eventCount = 0;
const listeners = new Set<() => void>();

function set(next: Partial<SyncSnapshot>): void {
  snapshot = { ...snapshot, ...next };
  listeners.forEach((l) => l());
}

/**
 * Read `sync.status` now (one request at a time). A `sync.status` event that arrives while the read is on its way
 * is newer than it: what the event carries (running, pending, …) is kept, and the rest is read once more — so a
 * read answered mid-run never leaves the panel showing a run that has ended.
 */
export function refreshSyncStatus(): Promise<void> {
  if (inflight) return inflight;
  const seen = eventCount;
  const read: Promise<void> = api()
    .invoke('sync.status', {})
    .then((r) => {
      // Cleared before the snapshot changes: a screen that reads again on that change starts a new read.
      if (inflight === read) inflight = null;
      if (!r.ok) return;
      const overtaken = eventCount !== seen;
      const status = withRead(snapshot.view?.status ?? null, r.value.status, overtaken);
      set({ view: { ...r.value, status }, stale: overtaken, ...(status.running ? {} : { progress: null }) });
      if (overtaken) scheduleRefresh();
    })
    .finally(() => {
      if (inflight === read) inflight = null;
    });
  inflight = read;
  return read;
}

/** The fields a `sync.status` event carries: an event newer than a read wins over it for these. */
function eventFields(s: SyncStatus): Pick<SyncStatus, 'configured' | 'online' | 'running' | 'pending' | 'rejectedCases' | 'lastSuccessAt' | 'lastError'> {
  return { configured: s.configured, online: s.online, running: s.running, pending: s.pending, rejectedCases: s.rejectedCases, lastSuccessAt: s.lastSuccessAt, lastError: s.lastError };
}

/** The status after a read: the read's, except that an event which overtook it keeps what it carried. */
export function withRead(current: SyncStatus | null, read: SyncStatus, overtaken: boolean): SyncStatus {
  return overtaken && current ? { ...read, ...eventFields(current) } : read;
}

function scheduleRefresh(delayMs = 250): void {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void refreshSyncStatus();
  }, delayMs);
}

/** What `sync.now` (or `sync.enroll`) answered replaces the status at once; the refused list is read after it. */
export function applySyncResult(status: SyncStatus): void {
  // Newer than any read still on its way (one asked mid-run): counted as an event, so that read does not undo it.
  eventCount += 1;
  set({ view: snapshot.view ? { ...snapshot.view, status } : { status, rejected: [] }, progress: null });
  scheduleRefresh(0);
}

/**
 * The status after a `sync.status` event: the event's fields replace the known ones (its message is the engine's
 * last error, or null once a run went through); what it does not carry stays as last read.
 */
export function withEvent(prev: SyncStatus | null, e: SyncStatusEvent): { status: SyncStatus; stale: boolean } {
  const status: SyncStatus = {
    centralUrl: null,
    rejected: 0,
    damagedAttachments: 0,
    nextAttemptAt: null,
    ...prev,
    configured: e.configured,
    online: e.online,
    running: e.running,
    pending: e.pending,
    rejectedCases: e.rejectedCases,
    lastSuccessAt: e.lastSuccessAt,
    lastError: e.message,
  };
  const stale = prev === null || prev.configured !== e.configured || prev.rejectedCases !== e.rejectedCases || (prev.running && !e.running);
  return { status, stale };
}

function listen(): void {
  if (listening) return;
  listening = true;
  api().on('sync.status', (e) => {
    eventCount += 1;
    const { status, stale } = withEvent(snapshot.view?.status ?? null, e);
    set({
      view: { status, rejected: snapshot.view?.rejected ?? [] },
      stale: snapshot.stale || stale,
      ...(e.running ? {} : { progress: null }),
    });
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

/** The store as React (and a test) subscribes to it. */
export const syncStatusStore = { subscribe, getSnapshot: (): SyncSnapshot => snapshot };

export function useSyncStatus(): SyncSnapshot {
  return useSyncExternalStore(syncStatusStore.subscribe, syncStatusStore.getSnapshot);
}
