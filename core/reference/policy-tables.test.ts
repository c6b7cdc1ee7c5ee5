import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, type TestStation } from '../testing/fixtures';
import { DEFAULT_POLICY_TABLES, SAMPLE_REGION_CODE, type PolicyTable } from '../../shared/policy';
import { loadPolicyTables, storePolicyTable, tableId } from './policy-tables';

/** The shipped sample tables follow the program: a store seeded by an older one gets the corrected set. */
let st: TestStation;
beforeEach(async () => {
  st = await createTestStation();
});
afterEach(() => st.cleanup());

const versions = () =>
  st.core.ctx.repos.policy
    .all()
    .filter((r) => r.kind === 'contribution')
    .map((r) => `${r.version}:${r.source}`)
    .sort();

describe('shipped policy tables', () => {
  it('are replaced when a shipped table of the same version changed its notes (corrected wording)', () => {
    const ctx = st.core.ctx;
    const t = DEFAULT_POLICY_TABLES.find((x) => x.kind === 'contribution' && x.version === 'SAMPLE-2025')!;
    ctx.tx(() => storePolicyTable(ctx, { ...t, source: `${t.source}（见 DOMAIN.md）` } as PolicyTable, 'default', 't'));
    expect(ctx.repos.policy.all().some((r) => r.body.includes('DOMAIN.md'))).toBe(true);
    loadPolicyTables(ctx);
    expect(ctx.repos.policy.all().some((r) => r.body.includes('DOMAIN.md'))).toBe(false);
  });

  it('are replaced when the program ships another set; a table central published for the same start stays', () => {
    const ctx = st.core.ctx;
    const shipped = DEFAULT_POLICY_TABLES.filter((t) => t.kind === 'contribution').map((t) => `${t.version}:default`).sort();
    expect(versions()).toEqual(shipped);
    // As an older program left it: one contribution table for 2021–2025 with the old figures, no 2023/2024 tables.
    const old = DEFAULT_POLICY_TABLES.find((t) => t.kind === 'contribution' && t.version === 'SAMPLE-2021')!;
    ctx.tx(() => {
      ctx.repos.policy.deleteDefaults(SAMPLE_REGION_CODE);
      for (const t of DEFAULT_POLICY_TABLES.filter((x) => x.kind !== 'contribution' || x.version === 'SAMPLE-2020' || x.version === 'SAMPLE-2025')) storePolicyTable(ctx, t, 'default', 't');
      storePolicyTable(ctx, { ...old, version: 'SAMPLE-2021-OLD', effectiveTo: '2025-01-01' } as PolicyTable, 'default', 't');
    });
    // Central published its own 2025 table for the sample region.
    const central2025 = { ...DEFAULT_POLICY_TABLES.find((t) => t.kind === 'contribution' && t.version === 'SAMPLE-2025')!, version: 'CENTRAL-2025' } as PolicyTable;
    ctx.tx(() => storePolicyTable(ctx, central2025, 'central', 't'));

    const loaded = loadPolicyTables(ctx);
    expect(versions()).toEqual(['CENTRAL-2025:central', 'SAMPLE-2020:default', 'SAMPLE-2021:default', 'SAMPLE-2023:default', 'SAMPLE-2024:default']);
    expect(loaded.find((t) => tableId(t) === tableId(central2025))?.version).toBe('CENTRAL-2025');
    // Loading again changes nothing.
    const before = ctx.repos.policy.all().map((r) => r.updatedAt);
    loadPolicyTables(ctx);
    expect(ctx.repos.policy.all().map((r) => r.updatedAt)).toEqual(before);
  });
});
