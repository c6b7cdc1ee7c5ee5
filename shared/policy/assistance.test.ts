import { describe, expect, it } from 'vitest';
import { estimateAssistance, type AssistanceInput } from './assistance';
import { DEFAULT_POLICY_TABLES as T } from './tables/defaults';
import { cloneTable, y } from './test-support';

function input(over: Partial<AssistanceInput> = {}): AssistanceInput {
  return { regionCode: '999999', assistanceCategory: 'dibao', careType: 'inpatient', careStartDate: '2024-05-01', selfPaidAfterInsuranceFen: y(30_000), ...over };
}

function paid(over: Partial<AssistanceInput>): number {
  const r = estimateAssistance(input(over), T);
  if (!r.ok) throw new Error(r.message);
  return r.result.assistanceFen;
}

describe('estimateAssistance (seed figures)', () => {
  it.each([
    // 低保 / 特困: 70% of the first 20,000, 80% above.
    ['dibao, 30,000: 20,000 × 70% + 10,000 × 80% = 22,000', { assistanceCategory: 'dibao', selfPaidAfterInsuranceFen: y(30_000) }, y(22_000)],
    ['tekun, 30,000: the same bands', { assistanceCategory: 'tekun', selfPaidAfterInsuranceFen: y(30_000) }, y(22_000)],
    ['dibao, exactly 20,000: 20,000 × 70% = 14,000', { selfPaidAfterInsuranceFen: y(20_000) }, y(14_000)],
    // 20,000.01: 14,000 + 0.01 × 80% = 14,000.008 → 14,000.01 (0.8 fen rounds to 1).
    ['dibao, one fen above 20,000', { selfPaidAfterInsuranceFen: y(20_000) + 1 }, y(14_000) + 1],
    ['dibao, 1,000 (no deductible): 700', { selfPaidAfterInsuranceFen: y(1_000) }, y(700)],
    ['dibao, nothing self-paid', { selfPaidAfterInsuranceFen: 0 }, 0],
    // Others: 50% of the first 20,000, 60% above: 10,000 + 6,000.
    ['lifted, 30,000: 20,000 × 50% + 10,000 × 60% = 16,000', { assistanceCategory: 'tuopin', selfPaidAfterInsuranceFen: y(30_000) }, y(16_000)],
    ['monitored, 30,000', { assistanceCategory: 'monitored', selfPaidAfterInsuranceFen: y(30_000) }, y(16_000)],
    ['other, 30,000', { assistanceCategory: 'other', selfPaidAfterInsuranceFen: y(30_000) }, y(16_000)],
    // 0.01 × 50% = 0.5 fen → rounds half away from zero to 1 fen.
    ['other, one fen: half a fen rounds up', { assistanceCategory: 'other', selfPaidAfterInsuranceFen: 1 }, 1],
    // 60,000: 14,000 + 40,000 × 80% = 46,000 (under the 50,000 cap).
    ['dibao, 60,000', { selfPaidAfterInsuranceFen: y(60_000) }, y(46_000)],
    // 70,000: 14,000 + 50,000 × 80% = 54,000 → capped at 50,000.
    ['dibao, 70,000 hits the yearly cap', { selfPaidAfterInsuranceFen: y(70_000) }, y(50_000)],
    ['chronic outpatient is covered', { careType: 'outpatient', selfPaidAfterInsuranceFen: y(10_000) }, y(7_000)],
    ['pharmacy purchases are covered', { careType: 'pharmacy', selfPaidAfterInsuranceFen: y(10_000) }, y(7_000)],
  ] as const)('%s', (_name, over, expected) => {
    expect(paid(over as Partial<AssistanceInput>)).toBe(expected);
  });

  it('binds the yearly cap of 50,000 across claims', () => {
    // First 60,000 → 46,000; then 10,000 would give 7,000 but only 4,000 is left; then nothing.
    const first = estimateAssistance(input({ selfPaidAfterInsuranceFen: y(60_000) }), T);
    if (!first.ok) throw new Error(first.message);
    expect(first.result.assistanceFen).toBe(y(46_000));
    const second = estimateAssistance(input({ selfPaidAfterInsuranceFen: y(10_000), thisYear: first.result.thisYearAfter }), T);
    if (!second.ok) throw new Error(second.message);
    expect(second.result).toMatchObject({ assistanceFen: y(4_000), personFen: y(6_000) });
    expect(second.result.thisYearAfter.assistancePaidFen).toBe(y(50_000));
    const last = estimateAssistance(input({ selfPaidAfterInsuranceFen: y(10_000), thisYear: second.result.thisYearAfter }), T);
    expect(last.ok && last.result.assistanceFen).toBe(0);
  });

  it('reaches the cap exactly', () => {
    // 43,000 already; 10,000 → 7,000 = exactly the 7,000 left.
    expect(paid({ selfPaidAfterInsuranceFen: y(10_000), thisYear: { assistancePaidFen: y(43_000) } })).toBe(y(7_000));
    expect(paid({ selfPaidAfterInsuranceFen: y(10_000), thisYear: { assistancePaidFen: y(43_000) + 1 } })).toBe(y(7_000) - 1);
  });

  it('reads the steps out', () => {
    const r = estimateAssistance(input(), T);
    if (!r.ok) throw new Error(r.message);
    expect(r.steps.map((s) => [s.label['zh-CN'], s.amountFen])).toEqual([
      ['救助对象（低保对象）政策范围内个人自付', y(30_000)],
      ['医疗救助支付', y(22_000)],
      ['救助后个人负担', y(8_000)],
    ]);
    expect(r.steps[1]?.detail?.['zh-CN']).toBe('20,000.00 × 70% + 10,000.00 × 80% = 22,000.00 元；未超过年度救助限额 50,000.00 元（本年已救助 0.00 元）');
  });

  it('counts bands over the year when the table says so', () => {
    const tables = T.map((t) => {
      if (t.kind !== 'medical_assistance') return t;
      const c = cloneTable(t);
      c.body.bandBasis = 'cumulative';
      return c;
    });
    // 15,000 counted earlier this year: 5,000 more at 70%, then 5,000 at 80% = 3,500 + 4,000 = 7,500.
    const r = estimateAssistance(input({ selfPaidAfterInsuranceFen: y(10_000), thisYear: { assistanceBaseFen: y(15_000) } }), tables);
    expect(r.ok && r.result.assistanceFen).toBe(y(7_500));
  });

  it.each([
    [{ assistanceCategory: 'none' }, 'assistanceCategory'],
    [{ careType: 'dental' }, 'careType'],
    [{ selfPaidAfterInsuranceFen: -1 }, 'selfPaidAfterInsuranceFen'],
    [{ careStartDate: '2019-12-31' }, 'careStartDate'],
    [{ regionCode: '9999' }, 'regionCode'],
  ])('refuses %o', (over, field) => {
    const r = estimateAssistance(input(over as Partial<AssistanceInput>), T);
    expect(r.ok ? null : r.field).toBe(field);
  });
});
