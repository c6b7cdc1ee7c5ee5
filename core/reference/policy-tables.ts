import type { CoreContext } from '../context';
import { DEFAULT_POLICY_TABLES, PolicyTableSchema, SAMPLE_REGION_CODE, type PolicyTable } from '../../shared/policy';
import { nowInstant } from '../../shared/time';

export const tableId = (t: PolicyTable) => `${t.kind}:${t.regionCode}:${t.effectiveFrom}`;

/** Store one table (shipped default or published by central), replacing the one with the same kind, region and start. */
export function storePolicyTable(ctx: Pick<CoreContext, 'repos'>, t: PolicyTable, source: 'default' | 'central', at: string): void {
  ctx.repos.policy.upsert({ id: tableId(t), kind: t.kind, regionCode: t.regionCode, effectiveFrom: t.effectiveFrom, effectiveTo: t.effectiveTo, body: JSON.stringify(t), version: t.version, source, updatedAt: at });
}

/**
 * Seed the shipped sample tables on first use — and again when this program ships a different set than the one
 * stored (corrected figures, new years): the sample region's shipped tables are replaced, central's never touched —
 * then load every stored table (validated).
 */
export function loadPolicyTables(ctx: Pick<CoreContext, 'repos' | 'tx' | 'clock'>): PolicyTable[] {
  // The shipped set, compared whole (corrected figures or notes in a table of the same version count as new).
  const key = (rows: readonly { id: string; body: string }[]) => rows.map((r) => `${r.id}\u0000${r.body}`).sort().join('\u0001');
  const rows = ctx.repos.policy.all();
  // A shipped table central has replaced (same kind, region and start) stays central's.
  const centrals = new Set(rows.filter((r) => r.source === 'central').map((r) => r.id));
  const ship = DEFAULT_POLICY_TABLES.filter((t) => !centrals.has(tableId(t)));
  const stored = rows.filter((r) => r.source === 'default' && r.regionCode === SAMPLE_REGION_CODE);
  if (rows.length === 0 || (stored.length > 0 && key(stored) !== key(ship.map((t) => ({ id: tableId(t), body: JSON.stringify(t) }))))) {
    const at = nowInstant(ctx.clock);
    ctx.tx(() => {
      ctx.repos.policy.deleteDefaults(SAMPLE_REGION_CODE);
      for (const t of ship) storePolicyTable(ctx, t, 'default', at);
      ctx.repos.audit.append({ at, actorId: null, actorName: 'system', action: 'policy.seed', entity: 'policy', entityId: null, detail: { tables: DEFAULT_POLICY_TABLES.length, region: SAMPLE_REGION_CODE } });
    });
  }
  return ctx.repos.policy.all().map((r) => PolicyTableSchema.parse(JSON.parse(r.body)));
}
