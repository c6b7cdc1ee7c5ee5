import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateFromDayNumber, dayNumber } from '../time';
import { AssistanceEstimateSchema, estimateAssistance } from './assistance';
import { ContributionEstimateSchema, estimateContribution } from './contribution';
import { LtcAssessmentResultSchema, assessLtc, type LtcAssessmentInput } from './ltc-assessment';
import { LTC_ITEMS } from './ltc-items';
import { MaternityEstimateSchema, estimateMaternity } from './maternity';
import { ClaimEstimateSchema, estimateClaim, type ClaimInput } from './reimbursement';
import { calcOutcomeSchema } from './steps';
import { DEFAULT_POLICY_TABLES as T } from './tables/defaults';
import { ASSISTANCE_CATEGORIES, HOSPITAL_LEVELS, OUT_OF_AREA_TYPES, OUTPATIENT_CATEGORIES, RESIDENT_TIERS } from './vocab';

const ASSISTANCE_CAP = 5_000_000; // 50,000 yuan, the sample table's yearly cap

const date = (from: string, to: string) => fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(dateFromDayNumber);

const invoice = fc
  .record({ amountFen: fc.integer({ min: 0, max: 30_000_000 }), selfShare: fc.integer({ min: 0, max: 10 }) })
  .map(({ amountFen, selfShare }) => (selfShare > 6 ? { amountFen } : { amountFen, selfPaidFen: Math.floor((amountFen * selfShare) / 10) }));

const money = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 60_000_000 }));

const claim: fc.Arbitrary<ClaimInput> = fc
  .record({
    inpatient: fc.boolean(),
    category: fc.constantFrom(...OUTPATIENT_CATEGORIES),
    employee: fc.boolean(),
    tier: fc.constantFrom(...RESIDENT_TIERS),
    hospitalLevel: fc.constantFrom(...HOSPITAL_LEVELS),
    outOfAreaType: fc.constantFrom(...OUT_OF_AREA_TYPES),
    careDate: date('2020-08-01', '2027-12-31'),
    stay: fc.integer({ min: 0, max: 60 }),
    invoices: fc.array(invoice, { minLength: 1, maxLength: 20 }),
    assistanceCategory: fc.option(fc.constantFrom(...ASSISTANCE_CATEGORIES), { nil: undefined }),
    thisYear: fc.record({
      basicFundPaidFen: money,
      deductibleBorneFen: fc.integer({ min: 0, max: 200_000 }),
      criticalIllnessBaseFen: money,
      criticalIllnessPaidFen: money,
      assistanceBaseFen: money,
      assistancePaidFen: fc.integer({ min: 0, max: 6_000_000 }),
    }),
  })
  .filter((c) => c.inpatient || !(c.employee && c.category === 'two_diseases'))
  .map((c) => {
    const common = {
      regionCode: '999999',
      insuranceType: c.employee ? ('employee' as const) : ('resident' as const),
      ...(c.employee ? {} : { residentTier: c.tier }),
      hospitalLevel: c.hospitalLevel,
      outOfAreaType: c.outOfAreaType,
      invoices: c.invoices,
      assistanceCategory: c.assistanceCategory ?? null,
      thisYear: c.thisYear,
    };
    return c.inpatient
      ? { careType: 'inpatient' as const, admissionDate: c.careDate, dischargeDate: dateFromDayNumber(dayNumber(c.careDate) + c.stay), ...common }
      : { careType: 'outpatient' as const, visitDate: c.careDate, outpatientCategory: c.category, ...common };
  });

describe('claim estimates (property)', () => {
  it('add up, never pay more than the policy range, and keep every cap', () => {
    fc.assert(
      fc.property(claim, (input) => {
        const r = estimateClaim(input, T);
        if (!r.ok) throw new Error(`${r.field}: ${r.message}`);
        const e = r.result;
        const s = e.settlement;
        // Total paid by all layers + out-of-pocket = invoice total.
        expect(s.basicFundFen + s.criticalIllnessFen + s.medicalAssistanceFen + s.personFen).toBe(s.totalFen);
        for (const v of [s.basicFundFen, s.criticalIllnessFen, s.medicalAssistanceFen, s.personFen]) {
          expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
        }
        // A reimbursement never exceeds the policy-range amount, nor does basic insurance alone.
        expect(s.basicFundFen).toBeLessThanOrEqual(e.policyRangeFen);
        expect(s.basicFundFen + s.criticalIllnessFen + s.medicalAssistanceFen).toBeLessThanOrEqual(e.policyRangeFen);
        // The person always bears the wholly self-paid part.
        expect(s.personFen).toBeGreaterThanOrEqual(e.wholelySelfPaidFen);
        // Basic insurance within its annual cap.
        expect(s.basicFundFen).toBeLessThanOrEqual(Math.max(0, e.basic.capFen - input.thisYear!.basicFundPaidFen!));
        // Assistance never exceeds the self-paid remainder or the yearly cap.
        expect(s.medicalAssistanceFen).toBeLessThanOrEqual(e.assistance.baseFen);
        expect(e.assistance.baseFen).toBeLessThanOrEqual(e.policyRangeFen - s.basicFundFen - s.criticalIllnessFen);
        expect(s.medicalAssistanceFen).toBeLessThanOrEqual(Math.max(0, ASSISTANCE_CAP - input.thisYear!.assistancePaidFen!));
        // Critical illness never exceeds what basic insurance left.
        expect(s.criticalIllnessFen).toBeLessThanOrEqual(e.criticalIllness.baseFen);
        // The steps end with the person's part.
        expect(r.steps.at(-1)?.amountFen).toBe(s.personFen);
      }),
      { numRuns: 1_000 },
    );
  });

  it('never let a later claim push assistance past the yearly cap', () => {
    fc.assert(
      fc.property(fc.array(claim, { minLength: 2, maxLength: 6 }), (claims) => {
        let thisYear = undefined as ClaimInput['thisYear'];
        let assistance = 0;
        for (const c of claims) {
          const r = estimateClaim({ ...c, assistanceCategory: 'dibao', thisYear }, T);
          if (!r.ok) throw new Error(r.message);
          assistance += r.result.settlement.medicalAssistanceFen;
          thisYear = r.result.thisYearAfter;
        }
        expect(assistance).toBeLessThanOrEqual(ASSISTANCE_CAP);
        expect(thisYear!.assistancePaidFen).toBe(assistance);
      }),
      { numRuns: 300 },
    );
  });
});

describe('assistance (property)', () => {
  const args = fc.record({
    category: fc.constantFrom(...ASSISTANCE_CATEGORIES),
    selfPaid: fc.integer({ min: 0, max: 100_000_000 }),
    more: fc.integer({ min: 0, max: 10_000_000 }),
    prior: fc.integer({ min: 0, max: 6_000_000 }),
  });
  it('never exceeds the self-paid remainder or the yearly cap, and grows with the remainder', () => {
    fc.assert(
      fc.property(args, ({ category, selfPaid, more, prior }) => {
        const run = (amount: number) => {
          const r = estimateAssistance(
            { regionCode: '999999', assistanceCategory: category, careType: 'inpatient', careStartDate: '2024-05-01', selfPaidAfterInsuranceFen: amount, thisYear: { assistancePaidFen: prior } },
            T,
          );
          if (!r.ok) throw new Error(r.message);
          return r.result;
        };
        const a = run(selfPaid);
        expect(AssistanceEstimateSchema.safeParse(a).success).toBe(true);
        expect(a.assistanceFen).toBeLessThanOrEqual(selfPaid);
        expect(a.assistanceFen).toBeLessThanOrEqual(Math.max(0, ASSISTANCE_CAP - prior));
        expect(a.assistanceFen + a.personFen).toBe(selfPaid);
        expect(run(selfPaid + more).assistanceFen).toBeGreaterThanOrEqual(a.assistanceFen);
      }),
    );
  });
});

describe('disability assessment (property)', () => {
  const dims = Object.entries(LTC_ITEMS) as [keyof typeof LTC_ITEMS, Record<string, { scores: readonly number[] }>][];
  const scores = fc.record(
    Object.fromEntries(dims.map(([dim, items]) => [dim, fc.record(Object.fromEntries(Object.entries(items).map(([k, def]) => [k, fc.constantFrom(...def.scores)])))])),
  ) as fc.Arbitrary<Pick<LtcAssessmentInput, 'adl' | 'cognition' | 'perception'>>;

  it('never gives a lower level when any single item gets worse', () => {
    fc.assert(
      fc.property(scores, fc.nat(), (s, pick) => {
        const base = { regionCode: '999999', assessmentDate: '2024-06-01', ...s };
        const r = assessLtc(base, T);
        if (!r.ok) throw new Error(r.message);
        expect(LtcAssessmentResultSchema.safeParse(r.result).success).toBe(true);
        expect(r.result.level).toBeGreaterThanOrEqual(0);
        expect(r.result.level).toBeLessThanOrEqual(5);
        // Pick one item and every lower allowed score for it.
        const all = dims.flatMap(([dim, items]) => Object.entries(items).map(([k, def]) => ({ dim, k, def })));
        const { dim, k, def } = all[pick % all.length]!;
        const current = (s[dim] as Record<string, number>)[k]!;
        for (const worse of def.scores.filter((v) => v < current)) {
          const w = assessLtc({ ...base, [dim]: { ...(s[dim] as Record<string, number>), [k]: worse } } as LtcAssessmentInput, T);
          if (!w.ok) throw new Error(w.message);
          expect(w.result.level).toBeGreaterThanOrEqual(r.result.level);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('contribution (property)', () => {
  it('splits the standard between subsidy and person, and never covers before the year', () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 2021, max: 2027 }),
          dayInYear: fc.integer({ min: 0, max: 364 }),
          category: fc.constantFrom('adult', 'minor', 'student', 'newborn'),
          tier: fc.constantFrom('tier1', 'tier2'),
          hardship: fc.constantFrom('none', 'tekun', 'dibao', 'tuopin', 'monitored'),
          gap: fc.integer({ min: 0, max: 6 }),
          back: fc.integer({ min: 0, max: 6 }),
        }),
        ({ year, dayInYear, category, tier, hardship, gap, back }) => {
          // Accept somewhere from the previous September to the end of the year.
          const acceptanceDate = dateFromDayNumber(dayNumber(`${year - 1}-09-01`) + Math.floor((dayInYear * 486) / 364));
          const r = estimateContribution(
            {
              regionCode: '999999',
              enrollmentYear: year,
              personCategory: category,
              ...(category === 'adult' ? { contributionTier: hardship === 'none' ? tier : 'tier1' } : {}),
              ...(category === 'newborn' ? { birthDate: acceptanceDate } : {}),
              hardshipGroup: hardship,
              acceptanceDate,
              gapYears: gap,
              backPaidYears: Math.min(back, gap),
            },
            T,
          );
          if (!r.ok) {
            // Only "the period has not started" may refuse these inputs.
            expect(r.field).toBe('acceptanceDate');
            return;
          }
          const e = r.result;
          expect(ContributionEstimateSchema.safeParse(e).success).toBe(true);
          expect(e.subsidyFen + e.personFen).toBe(e.standardFen);
          expect(e.personFen).toBeGreaterThanOrEqual(0);
          expect(e.benefitsFrom >= `${year}-01-01`).toBe(true);
          expect(e.startsAfterCoverageYear).toBe(e.benefitsFrom > `${year}-12-31`);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('maternity (property)', () => {
  it('pays min(actual, standard) and never more', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 10 }), fc.constantFrom('vaginal', 'caesarean'), fc.boolean(), (amounts, deliveryType, employee) => {
        const r = estimateMaternity(
          {
            benefit: 'delivery',
            regionCode: '999999',
            insuranceType: employee ? 'employee' : 'resident',
            deliveryDate: '2024-06-01',
            deliveryType,
            babyCount: 1,
            continuousContributionSince: '2020-01-01',
            invoices: amounts.map((amountFen) => ({ amountFen })),
          },
          T,
        );
        if (!r.ok) throw new Error(r.message);
        expect(MaternityEstimateSchema.safeParse(r.result).success).toBe(true);
        const actual = amounts.reduce((a, b) => a + b, 0);
        expect(r.result.payableFen).toBe(Math.min(actual, r.result.standardFen!));
      }),
    );
  });
});

describe('result schemas (property)', () => {
  it('every claim estimate matches its exported output schema', () => {
    const outcome = calcOutcomeSchema(ClaimEstimateSchema);
    fc.assert(
      fc.property(claim, (input) => {
        const r = outcome.safeParse(estimateClaim(input, T));
        expect(r.success ? [] : r.error.issues).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
