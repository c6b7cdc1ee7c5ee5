import type { CoreContext } from '../../context';
import type { ChannelOutput } from '../../../shared/api/contract';
import type { LocalizedText } from '../../../shared/text';
import { SAMPLE_REGION_CODE, inForce } from '../../../shared/policy';
import { fail } from '../../../shared/api/errors';
import { today } from '../../../shared/time';
import { requireStation } from '../../reference/station';
import { tableId } from '../../reference/policy-tables';

/** The region whose tables apply here: the station's own when central has published any, else the sample region. */
export function policyRegion(ctx: CoreContext): { regionCode: string; regionName: LocalizedText; sample: boolean } {
  const station = requireStation(ctx);
  const own = ctx.policy.find((t) => t.regionCode === station.regionCode);
  if (own) return { regionCode: own.regionCode, regionName: own.regionName, sample: own.sample };
  const sample = ctx.policy.find((t) => t.regionCode === SAMPLE_REGION_CODE);
  if (!sample) fail('not_found', `区划 ${station.regionCode} 还没有政策表，请先与中心同步`);
  return { regionCode: sample.regionCode, regionName: sample.regionName, sample: true };
}

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
