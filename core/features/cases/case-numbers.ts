import type { CoreContext } from '../../context';
import { today } from '../../../shared/time';

/**
 * Human case number: station code + Shanghai date + daily sequence, e.g. `TOWN01-20261123-0007`.
 * The sequence row is bumped inside the caller's transaction, so a number is never handed out twice.
 */
export function nextCaseNumber(ctx: CoreContext, stationCode: string): string {
  const day = today(ctx.clock);
  const seq = ctx.repos.cases.nextDailySequence(day);
  return `${stationCode}-${day.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}
