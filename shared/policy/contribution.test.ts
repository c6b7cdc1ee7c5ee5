import { describe, expect, it } from 'vitest';
import { estimateContribution, type ContributionEstimate, type ContributionInput } from './contribution';
import { DEFAULT_POLICY_TABLES as T } from './tables/defaults';
import { y } from './test-support';

function input(over: Partial<ContributionInput> = {}): ContributionInput {
  return { regionCode: '999999', enrollmentYear: 2021, personCategory: 'adult', contributionTier: 'tier1', hardshipGroup: 'none', acceptanceDate: '2021-03-01', ...over };
}

function ok(over: Partial<ContributionInput>): ContributionEstimate {
  const r = estimateContribution(input(over), T);
  if (!r.ok) throw new Error(`${r.field}: ${r.message}`);
  return r.result;
}

describe('estimateContribution: amounts and subsidies', () => {
  it.each([
    // Seed 2021: tier 1 450, tier 2 650, minors and students 200; government subsidy 580.
    ['tier 1 (2021)', {}, { standardFen: y(450), subsidyFen: 0, personFen: y(450), governmentSubsidyFen: y(580) }],
    ['tier 2 (2021)', { contributionTier: 'tier2' }, { standardFen: y(650), personFen: y(650) }],
    ['minor', { personCategory: 'minor', contributionTier: undefined }, { rate: 'minor', standardFen: y(200) }],
    ['student', { personCategory: 'student', contributionTier: undefined }, { rate: 'student', standardFen: y(200) }],
    ['newborn pays as a minor', { personCategory: 'newborn', contributionTier: undefined, birthDate: '2021-02-01' }, { rate: 'minor', standardFen: y(200) }],
    // 2020 table: same amounts, subsidy 550 (before the 2021 increase of 30).
    ['2020 subsidy', { enrollmentYear: 2020, acceptanceDate: '2020-02-01' }, { standardFen: y(450), governmentSubsidyFen: y(550) }],
    // Hardship groups enroll at tier 1, paid in full for them (兜底参保).
    ['dibao, paid in full (2021)', { hardshipGroup: 'dibao' }, { standardFen: y(450), subsidyFen: y(450), personFen: 0 }],
    ['tekun minor, paid in full', { hardshipGroup: 'tekun', personCategory: 'minor', contributionTier: undefined }, { standardFen: y(200), subsidyFen: y(200), personFen: 0 }],
    // 脱贫/相对贫困 are enrolled with their contribution paid for them (资助参保, DOMAIN.md), not a partial subsidy.
    ['tuopin, paid in full (2025)', { enrollmentYear: 2025, acceptanceDate: '2024-10-08', hardshipGroup: 'tuopin' }, { subsidyFen: y(450), personFen: 0, governmentSubsidyFen: y(700) }],
    ['monitored minor, paid in full (2025)', { enrollmentYear: 2025, acceptanceDate: '2024-10-08', hardshipGroup: 'monitored', personCategory: 'minor', contributionTier: undefined }, { standardFen: y(400), subsidyFen: y(400), personFen: 0 }],
  ] as const)('%s', (_name, over, expected) => {
    const r = ok(over as Partial<ContributionInput>);
    expect(r).toMatchObject(expected);
    expect(r.subsidyFen + r.personFen).toBe(r.standardFen);
  });

  it('names who pays a hardship subsidy', () => {
    const r = estimateContribution(input({ hardshipGroup: 'dibao' }), T);
    if (!r.ok) throw new Error(r.message);
    expect(r.result.subsidyPayer).toEqual({ 'zh-CN': '医疗救助资金', en: 'the medical assistance fund' });
    expect(r.steps.map((s) => s.label['zh-CN'])).toContain('低保对象资助参保：由医疗救助资金全额资助');
  });
});

describe('estimateContribution: collection and waiting periods', () => {
  it.each([
    // Seed 2021: collection 1 Jan – 30 Apr; late payers wait 3 months.
    ['2021, inside the period', { acceptanceDate: '2021-03-01' }, { inCollectionPeriod: true, benefitsFrom: '2021-01-01', total: 0 }],
    ['2021, the last day of the period', { acceptanceDate: '2021-04-30' }, { inCollectionPeriod: true, benefitsFrom: '2021-01-01', total: 0 }],
    ['2021, the day after: 3 months', { acceptanceDate: '2021-05-01' }, { inCollectionPeriod: false, benefitsFrom: '2021-08-01', total: 3 }],
    ['2021, late: the old rule ignores gaps', { acceptanceDate: '2021-05-10', gapYears: 3 }, { benefitsFrom: '2021-08-10', total: 3 }],
    ['2021, in time with a gap: no wait under the old rule', { acceptanceDate: '2021-02-10', gapYears: 3 }, { benefitsFrom: '2021-01-01', total: 0 }],
    ['2021, late but lifted out of poverty: no wait', { acceptanceDate: '2021-06-15', hardshipGroup: 'tuopin' }, { benefitsFrom: '2021-06-15', total: 0, exemption: 'hardship' }],
    // Before 2025 moving from employee insurance is no exemption.
    ['2021, from employee insurance: still waits', { acceptanceDate: '2021-06-15', employeeInsuranceEndDate: '2021-05-31' }, { benefitsFrom: '2021-09-15', total: 3, exemption: null }],
    // 2025 (national rule 2024): collection 1 Sep – 31 Dec of 2024.
    ['2025, in the autumn period', { enrollmentYear: 2025, acceptanceDate: '2024-12-31' }, { inCollectionPeriod: true, benefitsFrom: '2025-01-01', total: 0 }],
    // Accepted on 2025-01-01: late, 3 months from that day.
    ['2025, the first day after the period', { enrollmentYear: 2025, acceptanceDate: '2025-01-01' }, { inCollectionPeriod: false, benefitsFrom: '2025-04-01', total: 3 }],
    // 3 years of gap: 3 + (3 − 1) × 1 = 5 months; back-pay 1 year removes 1: 4 months from 2025-03-15.
    ['2025, gap 3 years, 1 paid back', { enrollmentYear: 2025, acceptanceDate: '2025-03-15', gapYears: 3, backPaidYears: 1 }, { benefitsFrom: '2025-07-15', total: 4, variable: 2, removed: 1 }],
    // Back-pay only removes the variable part: 3 + 2 − 2 = 3 even when 3 years are paid back.
    ['2025, back-pay never removes the fixed part', { enrollmentYear: 2025, acceptanceDate: '2025-03-15', gapYears: 3, backPaidYears: 3 }, { benefitsFrom: '2025-06-15', total: 3, variable: 2, removed: 2 }],
    // 2025 coverage paid on time in Sep–Dec 2024 after a two-year gap: the 2025 rule (by coverage year, not by the
    // day paid): fixed 3 + 1 variable = 4 months from 1 January 2025.
    ['2025, paid in 2024 in time after a 2-year gap', { enrollmentYear: 2025, acceptanceDate: '2024-11-05', gapYears: 2 }, { inCollectionPeriod: true, benefitsFrom: '2025-05-01', total: 4 }],
    // Paid in the period after a gap of 2 years: fixed 3 + 1 variable = 4 months from 1 January 2026.
    ['2026, in time after a 2-year gap', { enrollmentYear: 2026, acceptanceDate: '2025-11-20', gapYears: 2 }, { inCollectionPeriod: true, benefitsFrom: '2026-05-01', total: 4 }],
    // Month ends clamp: 2025-11-30 + 3 months = 2026-02-28.
    ['2025, late on 30 November: the end of February', { enrollmentYear: 2025, acceptanceDate: '2025-11-30' }, { benefitsFrom: '2026-02-28', total: 3, after: true }],
  ] as const)('%s', (_name, over, e) => {
    const r = ok(over as Partial<ContributionInput>);
    if ('inCollectionPeriod' in e) expect(r.inCollectionPeriod).toBe(e.inCollectionPeriod);
    expect(r.benefitsFrom).toBe(e.benefitsFrom);
    expect(r.waiting.totalMonths).toBe(e.total);
    if ('exemption' in e) expect(r.waiting.exemption).toBe(e.exemption);
    if ('variable' in e) expect(r.waiting.variableMonths).toBe(e.variable);
    if ('removed' in e) expect(r.waiting.removedMonths).toBe(e.removed);
    expect(r.startsAfterCoverageYear).toBe('after' in e);
  });

  it.each([
    // Born 2025-01-01: enrolled within 90 days (up to 2025-04-01) → covered from birth.
    ['newborn on day 90', '2025-01-01', '2025-04-01', { exemption: 'newborn', benefitsFrom: '2025-01-01' }],
    ['newborn on day 91 waits', '2025-01-01', '2025-04-02', { exemption: null, benefitsFrom: '2025-07-02' }],
    ['newborn mid-year', '2025-06-10', '2025-07-01', { exemption: 'newborn', benefitsFrom: '2025-06-10' }],
  ] as const)('%s', (_name, birthDate, acceptanceDate, e) => {
    expect(ok({ enrollmentYear: 2025, personCategory: 'newborn', contributionTier: undefined, birthDate, acceptanceDate })).toMatchObject({ waiting: { exemption: e.exemption }, benefitsFrom: e.benefitsFrom });
  });

  it.each([
    // Employee insurance ended 2025-02-28: enrolled by 2025-05-28 (3 months) → covered from 2025-03-01.
    ['within 3 months', '2025-05-28', { exemption: 'employee_transfer', benefitsFrom: '2025-03-01' }],
    ['one day late', '2025-05-29', { exemption: null, benefitsFrom: '2025-08-29' }],
  ] as const)('from employee insurance %s', (_name, acceptanceDate, e) => {
    expect(ok({ enrollmentYear: 2025, acceptanceDate, employeeInsuranceEndDate: '2025-02-28' })).toMatchObject({ waiting: { exemption: e.exemption }, benefitsFrom: e.benefitsFrom });
  });

  it('reads out the waiting period', () => {
    const r = estimateContribution(input({ enrollmentYear: 2025, acceptanceDate: '2025-03-15', gapYears: 3, backPaidYears: 1 }), T);
    if (!r.ok) throw new Error(r.message);
    expect(r.steps.map((s) => s.label['zh-CN'])).toEqual([
      '2025年度居民医保个人缴费标准（一档）',
      '个人实际缴费',
      '集中缴费期 2024-09-01 至 2024-12-31；受理日期 2025-03-15，不在缴费期内',
      '未在集中缴费期内参保且有断保：固定待遇等待期3个月',
      '断保3年：变动待遇等待期2个月（断保第2年起每年1个月）',
      '补缴1年：减少变动待遇等待期1个月',
      '待遇等待期合计4个月，自 2025-03-15 起算',
      '自 2025-07-15 起享受居民医保待遇，至 2025-12-31',
    ]);
    expect(r.result.tables.map((t) => t.version)).toEqual(['SAMPLE-2025', 'SAMPLE-2025']);
  });
});

describe('estimateContribution refuses, naming the field', () => {
  it.each([
    [{ contributionTier: undefined }, 'contributionTier', '缴费档次：成年居民须选择缴费档次'],
    [{ personCategory: 'minor' }, 'contributionTier', '缴费档次：只有成年居民选择缴费档次'],
    [{ hardshipGroup: 'dibao', contributionTier: 'tier2' }, 'contributionTier', '缴费档次：困难群体按一档参保'],
    [{ personCategory: 'newborn', contributionTier: undefined }, 'birthDate', '出生日期：新生儿须填写出生日期'],
    [{ personCategory: 'newborn', contributionTier: undefined, birthDate: '2021-03-02' }, 'birthDate', '出生日期：不能晚于受理日期'],
    [{ gapYears: 1, backPaidYears: 2 }, 'backPaidYears', '补缴年数：不能多于断保年数'],
    [{ gapYears: -1 }, 'gapYears', '断保年数：不能为负'],
    [{ enrollmentYear: 2025, acceptanceDate: '2024-08-31' }, 'acceptanceDate', '受理（缴费）日期：2025年度集中缴费期自 2024-09-01 开始，尚不能缴费'],
    [{ acceptanceDate: '2022-01-05' }, 'enrollmentYear', '参保年度：2021年度已结束，不能再缴费参保'],
    [{ enrollmentYear: 2019, acceptanceDate: '2019-02-01' }, 'enrollmentYear', '区划 999999 在 2019-01-01 没有生效的“居民医保缴费标准”政策表'],
    [{ personCategory: 'retiree' }, 'personCategory', '人员类别：人员类别应为成年居民、未成年人、在校学生或新生儿'],
    [{ enrollmentYear: 2021.5 }, 'enrollmentYear', '参保年度：参保年度须为整数'],
  ] as const)('%o', (over, field, message) => {
    const r = estimateContribution(input(over as Partial<ContributionInput>), T);
    expect(r).toEqual({ ok: false, field, message });
  });
});

describe('default contribution tables and national minimums (DOMAIN.md)', () => {
  // Individual ≥ 380 yuan in 2023, ≥ 400 in 2024–2025 (minors and students included); subsidy ≥ 670 in 2024, ≥ 700 in 2025.
  it.each([
    [2023, 380, 0],
    [2024, 400, 670],
    [2025, 400, 700],
    [2026, 400, 700],
  ])('%i: every rate at least %i yuan, the subsidy at least %i', (year, person, subsidy) => {
    const collection = year >= 2025 ? `${year - 1}-10-08` : `${year}-02-01`;
    for (const over of [
      { contributionTier: 'tier1' as const },
      { contributionTier: 'tier2' as const },
      { personCategory: 'minor' as const, contributionTier: undefined },
      { personCategory: 'student' as const, contributionTier: undefined },
    ]) {
      const r = ok({ enrollmentYear: year, acceptanceDate: collection, ...over });
      expect(r.standardFen, `${year} ${r.rate}`).toBeGreaterThanOrEqual(y(person));
      expect(r.governmentSubsidyFen).toBeGreaterThanOrEqual(y(subsidy));
    }
  });

  it.each(['tekun', 'dibao', 'tuopin', 'monitored'] as const)('%s is enrolled with the contribution paid for them, every year', (hardshipGroup) => {
    for (const year of [2021, 2023, 2024, 2025]) {
      const r = ok({ enrollmentYear: year, acceptanceDate: year >= 2025 ? `${year - 1}-10-08` : `${year}-02-01`, hardshipGroup });
      expect(r.personFen, `${hardshipGroup} ${year}`).toBe(0);
    }
  });

  it('tells how to pay, from the table in force', () => {
    expect(ok({ enrollmentYear: 2025, acceptanceDate: '2024-10-08' }).paymentChannels.map((c) => c.code)).toEqual(['tax_app', 'wechat_alipay', 'bank', 'village']);
  });
});
