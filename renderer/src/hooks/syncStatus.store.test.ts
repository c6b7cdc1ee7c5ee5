import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as SyncStatusModule from './syncStatus';
import type { SyncStatus, SyncStatusEvent } from './syncStatus';

/** A fake core: `sync.status` reads wait until the test answers them; events are sent by the test. */
const core = vi.hoisted(() => {
  const reads: Array<(status: unknown) => void> = [];
  const handlers = new Map<string, (data: unknown) => void>();
  return {
    reads,
    handlers,
    api: {
      invoke: (channel: string) => {
        if (channel !== 'sync.status') throw new Error(`unexpected channel ${channel}`);
        return new Promise((resolve) => reads.push((status) => resolve({ ok: true, value: { status, rejected: [] } })));
      },
      on: (event: string, handler: (data: unknown) => void) => {
        handlers.set(event, handler);
        return () => handlers.delete(event);
      },
    },
  };
});
vi.mock('../api/client', () => ({ api: () => core.api }));

const base: SyncStatus = {
  configured: true,
  centralUrl: 'http://central.example',
  online: true,
  running: false,
  pending: 0,
  rejected: 0,
  rejectedCases: 0,
  damagedAttachments: 0,
  lastSuccessAt: '2026-12-07T09:00:00.000+08:00',
  lastError: null,
  nextAttemptAt: '2026-12-07T09:01:00.000+08:00',
};
const ended: SyncStatusEvent = { configured: true, online: true, running: false, pending: 0, rejectedCases: 0, lastSuccessAt: '2026-12-07T09:05:00.000+08:00', message: null };

/** A fresh store (its state is the module's), subscribed as the window is. */
async function store(onChange: (s: typeof SyncStatusModule) => void = () => {}) {
  vi.resetModules();
  const s = await import('./syncStatus');
  s.syncStatusStore.subscribe(() => onChange(s));
  return s;
}

describe('the sync status the window shows, when reads and events cross', () => {
  beforeEach(() => {
    core.reads.length = 0;
    core.handlers.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('a read answered mid-run does not bring back a run that has ended, and the rest is read again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const s = await store();
    const read = s.refreshSyncStatus();
    core.handlers.get('sync.status')!(ended);
    core.reads[0]!({ ...base, running: true, pending: 4, lastSuccessAt: null });
    await read;
    const status = s.syncStatusStore.getSnapshot().view!.status;
    expect([status.running, status.pending, status.lastSuccessAt]).toEqual([false, 0, ended.lastSuccessAt]);
    expect(s.syncStatusStore.getSnapshot().stale).toBe(true);
    // The next attempt and the refused list are read once more, and that read (not overtaken) is taken whole.
    await vi.advanceTimersByTimeAsync(300);
    expect(core.reads).toHaveLength(2);
    core.reads[1]!({ ...base, nextAttemptAt: '2026-12-07T09:06:00.000+08:00' });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.syncStatusStore.getSnapshot()).toMatchObject({ stale: false, view: { status: { running: false, nextAttemptAt: '2026-12-07T09:06:00.000+08:00' } } });
  });

  it('a run\'s own result is not undone by a read asked while it ran', async () => {
    const s = await store();
    const read = s.refreshSyncStatus();
    s.applySyncResult({ ...base, pending: 0 });
    core.reads[0]!({ ...base, running: true, pending: 7 });
    await read;
    expect(s.syncStatusStore.getSnapshot().view!.status).toMatchObject({ running: false, pending: 0 });
  });

  it('a screen that reads again when the status goes stale gets a new read, not the one that just answered', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let wasStale = false;
    const s = await store((m) => {
      const stale = m.syncStatusStore.getSnapshot().stale;
      if (stale && !wasStale) void m.refreshSyncStatus();
      wasStale = stale;
    });
    const first = s.refreshSyncStatus();
    core.reads[0]!(base);
    await first;
    const read = s.refreshSyncStatus();
    // An event that leaves the panel current (only the count waiting changed) overtakes the read…
    core.handlers.get('sync.status')!({ ...ended, pending: 2 });
    core.reads[1]!({ ...base, pending: 3 });
    await read;
    // …so the read is stale when it lands, and the screen's own read goes out at once (no timer has run).
    expect(s.syncStatusStore.getSnapshot().stale).toBe(true);
    expect(core.reads).toHaveLength(3);
  });

  it('one read at a time: asking while one is on its way joins it', async () => {
    const s = await store();
    const a = s.refreshSyncStatus();
    const b = s.refreshSyncStatus();
    expect(b).toBe(a);
    expect(core.reads).toHaveLength(1);
    core.reads[0]!(base);
    await a;
    expect(s.syncStatusStore.getSnapshot()).toMatchObject({ stale: false, view: { status: { running: false } } });
  });
});
