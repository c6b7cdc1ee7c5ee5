import type { CoreContext } from '../context';
import { DEFAULT_POLICY_TABLES, PolicyTableSchema, SAMPLE_REGION_CODE, type PolicyTable } from '../../shared/policy';
import { nowInstant } from '../../shared/time';

export const tableId = (t: PolicyTable) => `${t.kind}:${t.regionCode}:${t.effectiveFrom}`;

/** Store one table (shipped default or published by central), replacing the one with the same kind, region and start. */
export function storePolicyTable(ctx: Pick<CoreContext, 'repos'>, t: PolicyTable, source: 'default' | 'central', at: string): void {
  ctx.repos.policy.upsert({ id: tableId(t), kind: t.kind, regionCode: t.regionCode, effectiveFrom: t.effectiveFrom, effectiveTo: t.effectiveTo, body: JSON.stringify(t), version: t.version, source, updatedAt: at });
}

/** Seed the shipped sample tables on first use, then load every stored table (validated). */
export function loadPolicyTables(ctx: Pick<CoreContext, 'repos' | 'tx' | 'clock'>): PolicyTable[] {
  if (ctx.repos.policy.count() === 0) {
    const at = nowInstant(ctx.clock);
    ctx.tx(() => {
      for (const t of DEFAULT_POLICY_TABLES) storePolicyTable(ctx, t, 'default', at);
      ctx.repos.audit.append({ at, actorId: null, actorName: 'system', action: 'policy.seed', entity: 'policy', entityId: null, detail: { tables: DEFAULT_POLICY_TABLES.length, region: SAMPLE_REGION_CODE } });
    });
  }
  return ctx.repos.policy.all().map((r) => PolicyTableSchema.parse(JSON.parse(r.body)));
}
