import { describe, expect, it } from 'vitest';
import { estimateClaim, type ClaimEstimate, type ClaimInput } from './reimbursement';
import { DEFAULT_POLICY_TABLES as T } from './tables/defaults';
import { y } from './test-support';

/** A resident (tier 1) inpatient claim at a local level-1 hospital in 2024, changed by `over`. */
function inpatient(over: Partial<Extract<ClaimInput, { careType: 'inpatient' }>> = {}): ClaimInput {
  return {
    careType: 'inpatient',
    regionCode: '999999',
    insuranceType: 'resident',
    residentTier: 'tier1',
    hospitalLevel: 'level1',
    admissionDate: '2024-03-01',
    dischargeDate: '2024-03-10',
    outOfAreaType: 'local',
    invoices: [{ amountFen: y(10_000) }],
    ...over,
  };
}

function outpatient(over: Partial<Extract<ClaimInput, { careType: 'outpatient' }>> = {}): ClaimInput {
  return {
    careType: 'outpatient',
    regionCode: '999999',
    insuranceType: 'resident',
    residentTier: 'tier1',
    hospitalLevel: 'level1',
    visitDate: '2024-03-01',
    outpatientCategory: 'general',
    invoices: [{ amountFen: y(1_000) }],
    ...over,
  };
}

function ok(input: ClaimInput): ClaimEstimate {
  const r = estimateClaim(input, T);
  if (!r.ok) throw new Error(`${r.field}: ${r.message}`);
  return r.result;
}

type Expect = { basic: number; critical?: number; assistance?: number; person: number };

describe('estimateClaim: one settlement sheet', () => {
  const cases: { name: string; input: ClaimInput; expect: Expect }[] = [
    {
      // 10,000 − deductible 200 = 9,800 × 85% = 8,330; person 10,000 − 8,330 = 1,670 (below the 大病 deductible).
      name: 'resident, level 1, after the 2023-05-01 change',
      input: inpatient(),
      expect: { basic: y(8_330), critical: 0, person: y(1_670) },
    },
    {
      // Admission before the change uses the old table: 9,800 × 80% = 7,840; person 2,160.
      name: 'resident, level 1, admitted the day before the change',
      input: inpatient({ admissionDate: '2023-04-30', dischargeDate: '2023-05-06' }),
      expect: { basic: y(7_840), critical: 0, person: y(2_160) },
    },
    {
      // Deductible exactly met: 200 − 200 = 0 → nothing from the fund.
      name: 'costs exactly at the deductible',
      input: inpatient({ invoices: [{ amountFen: y(200) }] }),
      expect: { basic: 0, critical: 0, person: y(200) },
    },
    {
      // One fen above: 0.01 × 85% = 0.0085 yuan = 0.85 fen → rounds half away from zero to 1 fen.
      name: 'one fen above the deductible',
      input: inpatient({ invoices: [{ amountFen: y(200) + 1 }] }),
      expect: { basic: 1, critical: 0, person: y(200) },
    },
    {
      // Policy range 50,000 − 5,000 = 45,000; (45,000 − 800) × 87% = 38,454; person 50,000 − 38,454 = 11,546.
      name: 'employee, level 3, with a wholly self-paid part',
      input: inpatient({ insuranceType: 'employee', residentTier: undefined, hospitalLevel: 'level3', invoices: [{ amountFen: y(30_000), selfPaidFen: y(2_000) }, { amountFen: y(20_000), selfPaidFen: y(3_000) }] }),
      expect: { basic: y(38_454), critical: 0, person: y(11_546) },
    },
    {
      // Cap exactly reached: 200,000 − 191,670 = 8,330 left, exactly the 8,330 computed.
      name: 'annual cap exactly reached',
      input: inpatient({ thisYear: { basicFundPaidFen: y(191_670) } }),
      expect: { basic: y(8_330), critical: 0, person: y(1_670) },
    },
    {
      // One fen more already paid: 8,329.99 left; the person bears 1,670.01.
      name: 'annual cap one fen short',
      input: inpatient({ thisYear: { basicFundPaidFen: y(191_670) + 1 } }),
      expect: { basic: y(8_330) - 1, critical: 0, person: y(1_670) + 1 },
    },
    {
      // Employee cap 500,000, 499,000 paid: 1,000 of the 38,454 computed.
      name: 'employee cap binds',
      input: inpatient({ insuranceType: 'employee', residentTier: undefined, hospitalLevel: 'level3', invoices: [{ amountFen: y(45_000) }], thisYear: { basicFundPaidFen: y(499_000) } }),
      expect: { basic: y(1_000), critical: 0, person: y(44_000) },
    },
    {
      // Tier 2 cap is 300,000: with 250,000 paid the 8,330 still fits.
      name: 'tier 2 has the higher cap',
      input: inpatient({ residentTier: 'tier2', thisYear: { basicFundPaidFen: y(250_000) } }),
      expect: { basic: y(8_330), critical: 0, person: y(1_670) },
    },
    {
      // Tier 1 cap 200,000 already used up by 250,000 paid: nothing. In-range 10,000 then counts for 大病 but
      // stays under its 15,000 deductible.
      name: 'tier 1 cap already used up',
      input: inpatient({ thisYear: { basicFundPaidFen: y(250_000) } }),
      expect: { basic: 0, critical: 0, person: y(10_000) },
    },
    {
      // Filed residence: no first share; level 2: (20,000 − 500) × 70% = 13,650; person 6,350.
      name: 'out of area, filed residence',
      input: inpatient({ hospitalLevel: 'level2', outOfAreaType: 'offsite_residence', invoices: [{ amountFen: y(20_000) }] }),
      expect: { basic: y(13_650), critical: 0, person: y(6_350) },
    },
    {
      // Emergency filed within 3 working days of admission (Fri 1 Mar 2024 → Wed 6 Mar, the 3rd working day):
      // first 10% = 2,000; employee level 2: (18,000 − 500) × 90% = 15,750; person 4,250.
      name: 'out of area, emergency filed in time, employee',
      input: inpatient({ insuranceType: 'employee', residentTier: undefined, hospitalLevel: 'level2', outOfAreaType: 'offsite_emergency', emergencyFilingDate: '2024-03-06', invoices: [{ amountFen: y(20_000) }] }),
      expect: { basic: y(15_750), person: y(4_250) },
    },
    {
      // Filed on Thu 7 Mar, the 4th working day: not filed in time — first 30% = 6,000, the rest as level 3:
      // employee (14,000 − 800) × 87% = 11,484; person 8,516.
      name: 'out of area, emergency filed late, employee: as not filed',
      input: inpatient({ insuranceType: 'employee', residentTier: undefined, hospitalLevel: 'level2', outOfAreaType: 'offsite_emergency', emergencyFilingDate: '2024-03-07', invoices: [{ amountFen: y(20_000) }] }),
      expect: { basic: y(11_484), person: y(8_516) },
    },
    {
      // No filing date: not filed — the same as filing late.
      name: 'out of area, emergency never filed, employee: as not filed',
      input: inpatient({ insuranceType: 'employee', residentTier: undefined, hospitalLevel: 'level2', outOfAreaType: 'offsite_emergency', invoices: [{ amountFen: y(20_000) }] }),
      expect: { basic: y(11_484), person: y(8_516) },
    },
    {
      // Not filed at a level-1 hospital: first 30% = 3,000, the rest as level 3: (7,000 − 1,000) × 60% = 3,600.
      // 大病 counts 10,000 − 3,600 − 3,000 (not counted) = 3,400 < favoured deductible 7,500; no assistance for unfiled care.
      name: 'out of area, not filed, dibao recipient',
      input: inpatient({ outOfAreaType: 'offsite_unfiled', assistanceCategory: 'dibao' }),
      expect: { basic: y(3_600), critical: 0, assistance: 0, person: y(6_400) },
    },
    {
      // Referral, level 3, policy range 95,000: first 9,500; (85,500 − 1,000) × 60% = 50,700.
      // 大病 (dibao: deductible 15,000 × 50% = 7,500, ratio +5 points): 95,000 − 50,700 = 44,300 counted;
      //   (44,300 − 7,500) × 65% = 23,920.
      // Assistance on 44,300 − 23,920 = 20,380: 20,000 × 70% + 380 × 80% = 14,000 + 304 = 14,304.
      // Person: 100,000 − 50,700 − 23,920 − 14,304 = 11,076.
      name: 'referral, critical illness and assistance for a dibao recipient',
      input: inpatient({
        hospitalLevel: 'level3',
        outOfAreaType: 'offsite_referral',
        assistanceCategory: 'dibao',
        invoices: [{ amountFen: y(100_000), selfPaidFen: y(5_000) }],
      }),
      expect: { basic: y(50_700), critical: y(23_920), assistance: y(14_304), person: y(11_076) },
    },
    {
      // Tier 2, level 3, 200,000: (200,000 − 1,000) × 60% = 119,400; 大病 on 80,600: (80,600 − 15,000) × 60% = 39,360.
      // Person 200,000 − 119,400 − 39,360 = 41,240.
      name: 'critical illness above its deductible',
      input: inpatient({ residentTier: 'tier2', hospitalLevel: 'level3', invoices: [{ amountFen: y(200_000) }] }),
      expect: { basic: y(119_400), critical: y(39_360), person: y(41_240) },
    },
    {
      // 'other' assistance recipient (50% / 60%), general outpatient is outside assistance; 1,000 × 60% = 600 > cap 400.
      name: 'resident general outpatient over its yearly cap',
      input: outpatient({ assistanceCategory: 'other' }),
      expect: { basic: y(400), critical: 0, assistance: 0, person: y(600) },
    },
    {
      // 门诊慢特病 at level 1 (85%): (2,000 − 600 yearly deductible) × 85% = 1,190.
      name: 'chronic outpatient, yearly deductible not yet borne',
      input: outpatient({ outpatientCategory: 'chronic_special', invoices: [{ amountFen: y(2_000) }] }),
      expect: { basic: y(1_190), critical: 0, person: y(810) },
    },
    {
      // The yearly deductible was borne earlier this year: 2,000 × 85% = 1,700.
      name: 'chronic outpatient, yearly deductible already borne',
      input: outpatient({ outpatientCategory: 'chronic_special', invoices: [{ amountFen: y(2_000) }], thisYear: { deductibleBorneFen: y(600) } }),
      expect: { basic: y(1_700), critical: 0, person: y(300) },
    },
    {
      // 两病 at level 1 before the change (60%) … 
      name: 'two diseases before 2023-05-01',
      input: outpatient({ outpatientCategory: 'two_diseases', visitDate: '2023-04-30', invoices: [{ amountFen: y(500) }] }),
      // 500 × 60% = 300; cap 600 not reached.
      expect: { basic: y(300), person: y(200) },
    },
    {
      name: 'two diseases from 2023-05-01',
      input: outpatient({ outpatientCategory: 'two_diseases', visitDate: '2023-05-01', invoices: [{ amountFen: y(500) }] }),
      // 500 × 70% = 350.
      expect: { basic: y(350), person: y(150) },
    },
  ];

  it.each(cases)('$name', ({ input, expect: e }) => {
    const r = ok(input);
    expect(r.settlement.basicFundFen).toBe(e.basic);
    if (e.critical !== undefined) expect(r.settlement.criticalIllnessFen).toBe(e.critical);
    if (e.assistance !== undefined) expect(r.settlement.medicalAssistanceFen).toBe(e.assistance);
    expect(r.settlement.personFen).toBe(e.person);
    const s = r.settlement;
    expect(s.basicFundFen + s.criticalIllnessFen + s.medicalAssistanceFen + s.personFen).toBe(s.totalFen);
  });

  it('reads out each layer in order and cites the tables used', () => {
    const r = estimateClaim(cases.find((c) => c.name === 'referral, critical illness and assistance for a dibao recipient')!.input, T);
    if (!r.ok) throw new Error(r.message);
    expect(r.steps.map((s) => s.label['zh-CN'])).toEqual([
      '票据金额合计（共1张）',
      '其中全自费部分（医保目录外），由个人负担',
      '政策范围内费用',
      '异地转诊：个人先行自付10%',
      '起付线（三级医疗机构），由个人负担',
      '基本医保按60%计算',
      '基本医保统筹基金支付',
      '计入大病保险的合规自付费用',
      '大病保险支付',
      '救助对象（低保对象）政策范围内个人自付',
      '医疗救助支付',
      '个人负担合计',
    ]);
    expect(r.steps.find((s) => s.label['zh-CN'] === '医疗救助支付')?.detail?.['zh-CN']).toMatch(/^20,000\.00 × 70% \+ 380\.00 × 80% = 14,304\.00 元/);
    expect(r.steps.at(-1)).toMatchObject({ amountFen: y(11_076) });
    for (const s of r.steps) expect(s.label.en.length).toBeGreaterThan(0);
    expect(r.result.tables.map((t) => `${t.kind}:${t.version}`)).toEqual([
      'inpatient:SAMPLE-2023.05',
      'out_of_area:SAMPLE-2020.08',
      'medical_assistance:SAMPLE-2020',
      'critical_illness:SAMPLE-2020',
    ]);
    expect(r.result.tables.every((t) => t.sample)).toBe(true);
  });
});

describe('estimateClaim across a year', () => {
  it('counts critical illness over the year and carries the running totals', () => {
    // Two claims of 200,000 at level 3, tier 2 (cap 300,000).
    const first = ok(inpatient({ residentTier: 'tier2', hospitalLevel: 'level3', invoices: [{ amountFen: y(200_000) }] }));
    // Second: basic again 119,400 (119,400 + 119,400 = 238,800 ≤ 300,000).
    // 大病: counted 80,600 → 161,200; above the deductible 65,600 → 146,200:
    //   (100,000 − 65,600) × 60% + (146,200 − 100,000) × 70% = 20,640 + 32,340 = 52,980.
    const second = ok(inpatient({ residentTier: 'tier2', hospitalLevel: 'level3', invoices: [{ amountFen: y(200_000) }], thisYear: first.thisYearAfter }));
    expect(second.settlement).toEqual({
      totalFen: y(200_000),
      basicFundFen: y(119_400),
      criticalIllnessFen: y(52_980),
      medicalAssistanceFen: 0,
      personFen: y(27_620), // 200,000 − 119,400 − 52,980
    });
    expect(second.thisYearAfter).toMatchObject({ basicFundPaidFen: y(238_800), criticalIllnessBaseFen: y(161_200), criticalIllnessPaidFen: y(39_360 + 52_980) });
    // Third: the basic cap leaves 300,000 − 238,800 = 61,200 of the 119,400.
    const third = ok(inpatient({ residentTier: 'tier2', hospitalLevel: 'level3', invoices: [{ amountFen: y(200_000) }], thisYear: second.thisYearAfter }));
    expect(third.settlement.basicFundFen).toBe(y(61_200));
  });

  it('binds the yearly assistance cap of 50,000 across claims', () => {
    // Level 3, tier 2, dibao, 300,000 each. Basic (300,000 − 1,000) × 60% = 179,400.
    // 大病 (favoured): counted 120,600, above 7,500 = 113,100: 100,000 × 65% + 13,100 × 75% = 65,000 + 9,825 = 74,825.
    // Assistance on 120,600 − 74,825 = 45,775: 20,000 × 70% + 25,775 × 80% = 14,000 + 20,620 = 34,620.
    const claim = { residentTier: 'tier2' as const, hospitalLevel: 'level3' as const, assistanceCategory: 'dibao' as const, invoices: [{ amountFen: y(300_000) }] };
    const first = ok(inpatient(claim));
    expect(first.settlement).toMatchObject({ basicFundFen: y(179_400), criticalIllnessFen: y(74_825), medicalAssistanceFen: y(34_620) });
    // Second claim: assistance would again be computed on what remains, but only 50,000 − 34,620 = 15,380 is left.
    const second = ok(inpatient({ ...claim, thisYear: first.thisYearAfter }));
    expect(second.settlement.medicalAssistanceFen).toBe(y(15_380));
    expect(second.thisYearAfter.assistancePaidFen).toBe(y(50_000));
    const third = ok(inpatient({ ...claim, thisYear: second.thisYearAfter }));
    expect(third.settlement.medicalAssistanceFen).toBe(0);
  });

  it('records the yearly deductible borne', () => {
    const first = ok(outpatient({ outpatientCategory: 'chronic_special', invoices: [{ amountFen: y(400) }] }));
    // 400 < 600: all of it goes to the deductible; 200 of it remains for later claims.
    expect(first.basic.deductibleFen).toBe(y(400));
    expect(first.thisYearAfter.deductibleBorneFen).toBe(y(400));
    const second = ok(outpatient({ outpatientCategory: 'chronic_special', invoices: [{ amountFen: y(1_000) }], thisYear: first.thisYearAfter }));
    // (1,000 − 200) × 85% = 680.
    expect(second.settlement.basicFundFen).toBe(y(680));
  });
});

describe('estimateClaim refuses impossible input, naming the field', () => {
  const cases: { name: string; input: unknown; field: string; message: RegExp }[] = [
    { name: 'discharge before admission', input: inpatient({ dischargeDate: '2024-02-28' }), field: 'dischargeDate', message: /^出院日期：不能早于入院日期$/ },
    {
      name: 'a negative amount on the 4th invoice',
      input: inpatient({ invoices: [{ amountFen: 1 }, { amountFen: 2 }, { amountFen: 3 }, { amountFen: -5 }] }),
      field: 'invoices.3.amountFen',
      message: /^票据第4行的票据金额：金额不能为负$/,
    },
    { name: 'a fractional fen', input: inpatient({ invoices: [{ amountFen: 10.5 }] }), field: 'invoices.0.amountFen', message: /整数/ },
    {
      name: 'a self-paid part above the amount',
      input: inpatient({ invoices: [{ amountFen: 100 }, { amountFen: 100, selfPaidFen: 101 }] }),
      field: 'invoices.1.selfPaidFen',
      message: /^票据第2行的全自费金额：不能大于票据金额$/,
    },
    { name: 'no invoices', input: inpatient({ invoices: [] }), field: 'invoices', message: /至少一张票据/ },
    { name: 'resident without a tier', input: inpatient({ residentTier: undefined }), field: 'residentTier', message: /须填写缴费档次/ },
    { name: 'an unknown hospital level', input: { ...inpatient(), hospitalLevel: 'level4' }, field: 'hospitalLevel', message: /医疗机构等级/ },
    { name: 'an unknown care type', input: { ...inpatient(), careType: 'dental' }, field: 'careType', message: /住院或门诊/ },
    { name: 'an impossible date', input: inpatient({ admissionDate: '2024-02-30' }), field: 'admissionDate', message: /真实日期/ },
    { name: 'a missing date', input: { ...inpatient(), admissionDate: undefined }, field: 'admissionDate', message: /^入院日期：必填$/ },
    { name: 'an unknown field', input: { ...inpatient(), hospitalGrade: 'A' }, field: 'hospitalGrade', message: /^hospitalGrade：不是可填写的字段$/ },
    { name: 'a negative figure of the year', input: inpatient({ thisYear: { assistancePaidFen: -1 } }), field: 'thisYear.assistancePaidFen', message: /不能为负/ },
    {
      name: 'a category employees do not have',
      input: outpatient({ insuranceType: 'employee', residentTier: undefined, outpatientCategory: 'two_diseases' }),
      field: 'outpatientCategory',
      message: /职工医保没有“高血压糖尿病门诊（两病）”待遇/,
    },
    { name: 'an admission before any table', input: inpatient({ admissionDate: '2019-06-01' }), field: 'admissionDate', message: /没有生效的“住院待遇”政策表/ },
    {
      name: 'out-of-area care before the out-of-area rules',
      input: inpatient({ admissionDate: '2020-07-31', outOfAreaType: 'offsite_referral' }),
      field: 'admissionDate',
      message: /没有生效的“异地就医”政策表/,
    },
    { name: 'an unknown region', input: inpatient({ regionCode: '371000' }), field: 'admissionDate', message: /区划 371000/ },
  ];

  it.each(cases)('$name', ({ input, field, message }) => {
    const r = estimateClaim(input as ClaimInput, T);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.message).toMatch(message);
    }
  });
});

describe('estimateClaim: an out-of-area emergency is decided by its filing date (emergencyFilingWorkingDays)', () => {
  const emergency = (emergencyFilingDate?: string) =>
    inpatient({ insuranceType: 'employee', residentTier: undefined, hospitalLevel: 'level2', outOfAreaType: 'offsite_emergency', ...(emergencyFilingDate ? { emergencyFilingDate } : {}), invoices: [{ amountFen: y(20_000) }] });
  const firstShare = (r: ClaimEstimate) => r.basic.personFirstFen;
  it.each([
    // Admitted Fri 1 Mar 2024: Mon 4 (1st), Tue 5 (2nd), Wed 6 (3rd), Thu 7 (4th working day).
    ['2024-03-01', y(2_000)],
    ['2024-03-03', y(2_000)],
    ['2024-03-06', y(2_000)],
    ['2024-03-07', y(6_000)],
    [undefined, y(6_000)],
  ])('filed on %s: the person first bears %i fen', (filed, first) => {
    expect(firstShare(ok(emergency(filed)))).toBe(first);
  });

  it('counts working days on the calendar: the Qingming holiday does not count', () => {
    // Admitted Wed 3 Apr 2024; 4–6 Apr off (6 Apr and 7 Apr: the weekend and a make-up working Sunday 7 Apr).
    const r = estimateClaim({ ...emergency('2024-04-09'), admissionDate: '2024-04-03', dischargeDate: '2024-04-10' } as ClaimInput, T);
    if (!r.ok) throw new Error(r.message);
    expect(r.steps.map((s) => s.label['zh-CN']).find((l) => l.startsWith('异地急诊'))).toMatch(/^异地急诊于 2024-04-09 备案，为入院后第 \d 个工作日/);
  });

  it('refuses a filing date before admission, naming the field', () => {
    const r = estimateClaim(emergency('2024-02-29'), T);
    expect(r).toMatchObject({ ok: false, field: 'emergencyFilingDate', message: '异地急诊备案日期：不能早于入院日期' });
  });

  it('uses the calendar it is given', () => {
    const never = { workingDaysBetween: () => ({ days: 99, estimatedYears: [] }) };
    expect(firstShare((estimateClaim(emergency('2024-03-04'), T, never) as { ok: true; result: ClaimEstimate }).result)).toBe(y(6_000));
  });
});
