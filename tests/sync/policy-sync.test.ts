import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, type TestStation } from '../../core/testing/fixtures';
import type { Session } from '../../core/session';
import { DEFAULT_POLICY_TABLES, type PolicyTable, type PolicyTableOf } from '../../shared/policy';
import { CentralServer } from './central-server';

/**
 * Central publishes the region's own policy tables; they reach the station by pull and are used from then
 * on — each claim with the table in force on its admission date, so a claim from before a policy change is
 * computed with the old figures even though the new table arrived later.
 */
let central: CentralServer;
let st: TestStation;
let clerk: Session;

beforeEach(async () => {
  central = await CentralServer.start();
  st = await createTestStation();
  clerk = await st.as('clerk');
  await st.call(await st.as('supervisor'), 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
});
afterEach(async () => {
  st?.cleanup();
  await central?.stop();
});

/** The sample tables moved to region 371002, with the resident level-2 inpatient ratio raised from 1 July 2026. */
function regionTables(): PolicyTable[] {
  const own = DEFAULT_POLICY_TABLES.map((t) => ({ ...t, regionCode: '371002', regionName: { 'zh-CN': '测试市', en: 'Test City' }, sample: false }) as PolicyTable);
  const current = own.find((t): t is PolicyTableOf<'inpatient'> => t.kind === 'inpatient' && t.effectiveTo === null)!;
  const before: PolicyTable = { ...current, effectiveTo: '2026-07-01' };
  const after: PolicyTable = {
    ...current,
    effectiveFrom: '2026-07-01',
    version: '371002-2026.07',
    body: { ...current.body, resident: { ...current.body.resident, ratioBp: { ...current.body.resident.ratioBp, level2: 8000 } } },
  };
  return [...own.filter((t) => t !== current), before, after];
}

const claim = (admissionDate: string, dischargeDate: string) => ({
  careType: 'inpatient',
  insuranceType: 'resident',
  residentTier: 'tier1',
  hospitalLevel: 'level2',
  admissionDate,
  dischargeDate,
  outOfAreaType: 'local',
  invoices: [{ amountFen: 1_050_000 }],
});

describe('policy tables published by central', () => {
  it('reach the station by pull and apply by the date that matters', async () => {
    const sampleEstimate = await st.call(clerk, 'policy.estimate', { kind: 'claim', input: claim('2026-08-01', '2026-08-05') });
    expect(sampleEstimate.region.sample).toBe(true);

    const tables = regionTables().map((t) => ({ id: `${t.kind}-${t.effectiveFrom}`.replace(/_/g, '-'), kind: t.kind, regionCode: t.regionCode, effectiveFrom: t.effectiveFrom, effectiveTo: t.effectiveTo, body: t as unknown as Record<string, unknown> }));
    await central.admin('POST', '/v1/admin/publish/policy', { regionCode: '371002', tables });
    const run = await st.call(clerk, 'sync.now', {});
    expect(run.ok).toBe(true);

    const sup = await st.as('supervisor');
    const held = await st.call(sup, 'policy.tables', {});
    const inpatient371 = held.filter((t) => t.kind === 'inpatient' && t.regionCode === '371002');
    expect(inpatient371.map((t) => [t.effectiveFrom, t.origin, t.inForce])).toEqual([
      ['2020-01-01', 'central', false],
      ['2023-05-01', 'central', false],
      ['2026-07-01', 'central', true],
    ]);

    const basicPaid = async (admission: string, discharge: string) => {
      const e = await st.call(clerk, 'policy.estimate', { kind: 'claim', input: claim(admission, discharge) });
      expect(e.region).toMatchObject({ regionCode: '371002', sample: false });
      if (!e.estimate.outcome.ok) throw new Error(e.estimate.outcome.message);
      return (e.estimate.outcome.result as { settlement: { basicFundFen: number } }).settlement.basicFundFen;
    };
    // 10,500.00 in range, level-2 deductible 500.00 → 10,000.00 × ratio: 70% before 1 July, 80% from then on.
    expect(await basicPaid('2026-06-20', '2026-06-25')).toBe(700_000);
    expect(await basicPaid('2026-08-01', '2026-08-05')).toBe(800_000);
  });

  it('refuses to publish a table whose body is not a valid policy table, naming the field', async () => {
    const bad = { id: 'bad-1', kind: 'inpatient', regionCode: '371002', effectiveFrom: '2026-01-01', effectiveTo: null, body: { kind: 'inpatient' } };
    await expect(central.admin('POST', '/v1/admin/publish/policy', { regionCode: '371002', tables: [bad] })).rejects.toThrow(/政策表内容不符合格式/);
  });
});
