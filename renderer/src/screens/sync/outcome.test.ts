import { describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { syncOutcome } from './outcome';

const status = {} as ChannelOutput<'sync.now'>['status'];
const round = (pushed: { applied: number; duplicate?: number; rejected: number; resent?: number } | null, ok = true): ChannelOutput<'sync.now'> => ({
  ok,
  error: ok ? null : '连接中心失败',
  pushed: pushed ? { duplicate: 0, resent: 0, uploaded: 0, ...pushed } : null,
  pulled: 0,
  status,
});

describe('the sync summary never shows refusals as success', () => {
  it.each([
    ['nothing refused', round({ applied: 3, rejected: 0 }), { level: 'ok' }],
    ['nothing to push', round(null), { level: 'ok' }],
    ['some refused', round({ applied: 3, rejected: 1 }), { level: 'warning', rejected: 1 }],
    ['refused, the rest answered as duplicates', round({ applied: 0, duplicate: 2, rejected: 1 }), { level: 'warning', rejected: 1 }],
    ['everything refused', round({ applied: 0, rejected: 2 }), { level: 'error', rejected: 2 }],
    ['refused, some fixed and sent again by the station', round({ applied: 0, rejected: 1, resent: 1 }), { level: 'warning', rejected: 1 }],
    ['central not reached', round(null, false), { level: 'failed', error: '连接中心失败' }],
  ])('%s', (_what, r, outcome) => {
    expect(syncOutcome(r)).toEqual(outcome);
  });
});
