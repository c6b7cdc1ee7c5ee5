import type { ChannelOutput } from '../../../../shared/api/contract';

/**
 * How a sync round is reported: never as a success when central refused something. A round with refusals is a
 * warning (how many, and the list to work through); a round where central refused everything it was sent is an
 * error; a round that could not reach central is an error with its reason.
 */
export type SyncOutcome =
  | { level: 'ok' }
  | { level: 'warning'; rejected: number }
  | { level: 'error'; rejected: number }
  | { level: 'failed'; error: string };

export function syncOutcome(result: ChannelOutput<'sync.now'>): SyncOutcome {
  if (!result.ok) return { level: 'failed', error: result.error ?? '' };
  const p = result.pushed;
  if (!p || p.rejected === 0) return { level: 'ok' };
  const taken = p.applied + p.duplicate + p.resent;
  return taken === 0 ? { level: 'error', rejected: p.rejected } : { level: 'warning', rejected: p.rejected };
}
