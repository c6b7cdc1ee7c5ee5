import type { CoreContext } from '../../context';
import type { ChannelOutput } from '../../../shared/api/contract';
import { inForce } from '../../../shared/policy';
import { today } from '../../../shared/time';
import { tableId } from '../../reference/policy-tables';
import { policyRegion } from '../cases/kept-estimates';

/** The region whose tables apply here (kept with the case write path: 受理 keeps estimates too). */
export { policyRegion };

export function listPolicyTables(ctx: CoreContext): ChannelOutput<'policy.tables'> {
  const day = today(ctx.clock);
  const origin = new Map(ctx.repos.policy.all().map((r) => [r.id, r.source]));
  return ctx.policy.map((t) => ({
    id: tableId(t),
    kind: t.kind,
    regionCode: t.regionCode,
    regionName: t.regionName,
    effectiveFrom: t.effectiveFrom,
    effectiveTo: t.effectiveTo,
    version: t.version,
    source: t.source,
    sample: t.sample,
    inForce: inForce(t, day),
    origin: origin.get(tableId(t)) ?? 'default',
    body: t.body as Record<string, unknown>,
  }));
}
