import type { CoreContext } from '../context';
import { loadCalendar } from './calendar';
import { loadCatalog } from './catalog';
import { loadPolicyTables } from './policy-tables';

/** Load the reference data in force into the context (seeding the shipped defaults on a new store). */
export function loadReference(ctx: CoreContext): void {
  ctx.calendar = loadCalendar(ctx);
  ctx.catalog = loadCatalog(ctx);
  ctx.policy = loadPolicyTables(ctx);
}
