import { describe, expect, it } from 'vitest';
import { estimateMaternity, type MaternityEstimate, type MaternityInput } from './maternity';
import { DEFAULT_POLICY_TABLES as T } from './tables/defaults';
import { y } from './test-support';

const SINCE = '2023-01-01';

function ok(input: MaternityInput): MaternityEstimate {
  const r = estimateMaternity(input, T);
  if (!r.ok) throw new Error(`${r.field}: ${r.message}`);
  return r.result;
}

function prenatal(amount: number, over: Partial<Extract<MaternityInput, { benefit: 'prenatal' }>> = {}): MaternityInput {
  return { benefit: 'prenatal', regionCode: '999999', insuranceType: 'employee', lastCheckDate: '2024-05-20', continuousContributionSince: SINCE, invoices: [{ amountFen: amount }], ...over };
}

function delivery(amount: number, over: Partial<Extract<MaternityInput, { benefit: 'delivery' }>> = {}): MaternityInput {
  return {
    benefit: 'delivery',
    regionCode: '999999',
    insuranceType: 'employee',
    deliveryDate: '2024-06-01',
    deliveryType: 'vaginal',
    babyCount: 1,
    continuousContributionSince: SINCE,
    invoices: [{ amountFen: amount }],
    ...over,
  };
}

function allowance(over: Partial<Extract<MaternityInput, { benefit: 'allowance' }>> = {}): MaternityInput {
  return { benefit: 'allowance', regionCode: '999999', deliveryDate: '2024-06-01', babyCount: 1, difficultBirth: false, averageDailyWageFen: y(250), continuousContributionSince: SINCE, ...over };
}

describe('estimateMaternity: fixed standards, min(actual, standard)', () => {
  it.each([
    ['prenatal 600 < 800', prenatal(y(600)), y(600)],
    ['prenatal exactly 800', prenatal(y(800)), y(800)],
    ['prenatal 1,200 > 800', prenatal(y(1_200)), y(800)],
    ['employee vaginal 3,000 > 2,800', delivery(y(3_000)), y(2_800)],
    ['employee caesarean 3,000 < 3,800', delivery(y(3_000), { deliveryType: 'caesarean' }), y(3_000)],
    ['employee caesarean 5,000 > 3,800', delivery(y(5_000), { deliveryType: 'caesarean' }), y(3_800)],
    ['resident caesarean 5,000: resident standard 2,800', delivery(y(5_000), { insuranceType: 'resident', deliveryType: 'caesarean', continuousContributionSince: undefined }), y(2_800)],
    // Actual costs are the invoice total: 1,500 + 2,000 = 3,500 > 2,800.
    ['two invoices', delivery(0, { invoices: [{ amountFen: y(1_500) }, { amountFen: y(2_000), selfPaidFen: y(100) }] }), y(2_800)],
  ])('%s', (_name, input, expected) => {
    const r = ok(input);
    expect(r.eligible).toBe(true);
    expect(r.payableFen).toBe(expected);
  });

  it('refuses the prenatal standard under resident insurance, with the reason', () => {
    const r = ok(prenatal(y(600), { insuranceType: 'resident' }));
    expect(r).toMatchObject({ eligible: false, payableFen: 0 });
    expect(r.refusal?.['zh-CN']).toBe('城乡居民医保没有产前检查定额待遇（产前检查费用按门诊规定报销）');
  });
});

describe('estimateMaternity: contribution conditions', () => {
  it.each([
    // ≥ 3 months continuous: since 2025-01-15, met on 2025-04-15.
    ['3 months met on the day', '2025-01-15', '2025-04-15', true, '2025-04-15'],
    ['one day short', '2025-01-15', '2025-04-14', false, '2025-04-15'],
    // 2024-11-30 + 3 months = 2025-02-28 (the month's end).
    ['month end', '2024-11-30', '2025-02-28', true, '2025-02-28'],
    ['delivered on the first day of contributions', '2025-03-01', '2025-03-01', false, '2025-06-01'],
  ] as const)('delivery: %s', (_name, since, date, eligible, metOn) => {
    const r = ok(delivery(y(3_000), { continuousContributionSince: since, deliveryDate: date }));
    expect(r).toMatchObject({ eligible, contributionMetOn: metOn, payableFen: eligible ? y(2_800) : 0 });
    if (!eligible) expect(r.refusal?.['zh-CN']).toBe(`自 ${since} 起连续缴费，到分娩日期 ${date} 不满3个月（${metOn} 才满）`);
  });

  it.each([
    ['1 year met on the day', '2023-06-01', '2024-06-01', true],
    ['one day short of a year', '2023-06-01', '2024-05-31', false],
  ] as const)('allowance: %s', (_name, since, date, eligible) => {
    const r = ok(allowance({ continuousContributionSince: since, deliveryDate: date }));
    expect(r.eligible).toBe(eligible);
    // 98 days × 250 = 24,500.
    expect(r.payableFen).toBe(eligible ? y(24_500) : 0);
  });

  it('residents need no contribution period for the delivery standard', () => {
    expect(ok(delivery(y(2_000), { insuranceType: 'resident', continuousContributionSince: undefined })).payableFen).toBe(y(2_000));
  });
});

describe('estimateMaternity: allowance days', () => {
  it.each([
    ['normal birth: 98 days × 250 = 24,500', {}, 98, y(24_500)],
    ['difficult birth: 98 + 15 = 113 days × 250 = 28,250', { difficultBirth: true }, 113, y(28_250)],
    ['twins: 98 + 15 = 113 days', { babyCount: 2 }, 113, y(28_250)],
    ['difficult birth of triplets: 98 + 15 + 15 × 2 = 143 days × 250 = 35,750', { difficultBirth: true, babyCount: 3 }, 143, y(35_750)],
    ['daily wage 333.33: 98 × 333.33 = 32,666.34', { averageDailyWageFen: 33_333 }, 98, 3_266_634],
  ] as const)('%s', (_name, over, days, amount) => {
    const r = ok(allowance(over));
    expect(r).toMatchObject({ eligible: true, allowanceDays: days, payableFen: amount });
  });

  it('is not paid under resident insurance', () => {
    const r = ok(allowance({ insuranceType: 'resident' }));
    expect(r).toMatchObject({ eligible: false, payableFen: 0 });
    expect(r.refusal?.['zh-CN']).toBe('生育津贴不支付给城乡居民医保参保人员');
  });

  it('reads out the days and the amount', () => {
    const r = estimateMaternity(allowance({ difficultBirth: true, babyCount: 2 }), T);
    if (!r.ok) throw new Error(r.message);
    expect(r.steps.map((s) => s.label['zh-CN'])).toEqual([
      '自 2023-01-01 起连续缴费，2024-01-01 满12个月，分娩日期 2024-06-01 已符合条件',
      '生育津贴天数：98 + 15（难产） + 15 × 1（多胞胎） = 128 天',
      '生育津贴',
    ]);
    expect(r.steps[2]).toMatchObject({ amountFen: y(32_000), detail: { 'zh-CN': '128 天 × 日平均工资 250.00 元 = 32,000.00 元' } });
  });
});

describe('estimateMaternity refuses, naming the field', () => {
  it.each([
    [allowance({ babyCount: 0 }), 'babyCount'],
    [allowance({ averageDailyWageFen: 0 }), 'averageDailyWageFen'],
    [allowance({ continuousContributionSince: undefined }), 'continuousContributionSince'],
    [allowance({ continuousContributionSince: '2024-06-02' }), 'continuousContributionSince'],
    [delivery(y(100), { deliveryType: 'forceps' as 'vaginal' }), 'deliveryType'],
    [delivery(y(100), { invoices: [{ amountFen: 100, selfPaidFen: 200 }] }), 'invoices.0.selfPaidFen'],
    [delivery(y(100), { deliveryDate: '2019-06-01', continuousContributionSince: '2019-01-01' }), 'deliveryDate'],
    [prenatal(-1), 'invoices.0.amountFen'],
    [{ benefit: 'nutrition' } as unknown as MaternityInput, 'benefit'],
  ])('%#', (input, field) => {
    const r = estimateMaternity(input, T);
    expect(r.ok ? null : r.field).toBe(field);
  });
});
