import { describe, expect, it } from 'vitest';
import { withEvent, type SyncStatus, type SyncStatusEvent } from './syncStatus';

const read: SyncStatus = {
  configured: true,
  centralUrl: 'http://central.example',
  online: true,
  running: true,
  pending: 3,
  rejected: 2,
  rejectedCases: 1,
  damagedAttachments: 0,
  lastSuccessAt: '2026-11-24T09:00:00.000+08:00',
  lastError: '中心暂时无法连接',
  nextAttemptAt: '2026-11-24T09:01:00.000+08:00',
};

const event: SyncStatusEvent = {
  configured: true,
  online: true,
  running: true,
  pending: 0,
  rejectedCases: 1,
  lastSuccessAt: '2026-11-24T09:05:00.000+08:00',
  message: null,
};

describe('the sync status after a sync.status event', () => {
  it('takes every field the event carries and keeps what it does not', () => {
    const { status, stale } = withEvent(read, event);
    expect(status).toEqual({ ...read, pending: 0, lastSuccessAt: event.lastSuccessAt, lastError: null });
    // Same refused cases, still running: nothing the panel shows went out of date.
    expect(stale).toBe(false);
  });

  it('counts refused cases from the event, and says the refused list needs reading again', () => {
    const { status, stale } = withEvent(read, { ...event, rejectedCases: 2 });
    expect(status.rejectedCases).toBe(2);
    expect(stale).toBe(true);
  });

  it('says the next attempt needs reading again when a run ends', () => {
    expect(withEvent(read, { ...event, running: false })).toMatchObject({ status: { running: false }, stale: true });
    expect(withEvent({ ...read, running: false }, { ...event, running: false }).stale).toBe(false);
  });

  it('makes a status of an event that comes before any read (the status bar needs nothing more)', () => {
    const { status, stale } = withEvent(null, { ...event, configured: false, online: null, message: '尚未连接中心' });
    expect(status).toMatchObject({ configured: false, online: null, centralUrl: null, rejectedCases: 1, lastError: '尚未连接中心' });
    expect(stale).toBe(true);
  });
});
