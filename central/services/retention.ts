import { instantFromEpoch } from '../../shared/time';
import type { CentralContext } from './context';

/**
 * Drop old changes as configured (at most `keepChanges`, none older than `keepDays`). A station whose cursor is
 * older than what remains gets 410 reset-required and resynchronises from a snapshot.
 */
export async function pruneChanges(ctx: CentralContext, keep?: { keepChanges?: number | null; keepDays?: number | null }): Promise<{ deleted: number; floor: number }> {
  const keepChanges = keep?.keepChanges !== undefined ? keep.keepChanges : ctx.config.retention.keepChanges;
  const keepDays = keep?.keepDays !== undefined ? keep.keepDays : ctx.config.retention.keepDays;
  const olderThan = keepDays === null ? null : instantFromEpoch(ctx.clock.now() - keepDays * 86_400_000);
  return ctx.store.pruneChanges(keepChanges, olderThan);
}
