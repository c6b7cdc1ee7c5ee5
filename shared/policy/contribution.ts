import { z } from 'zod';
import { applyBasisPoints, type Fen } from '../money';
import { LocalizedTextSchema } from '../text';
import { daysInMonth, localDate, type LocalDate } from '../time';
import { LocalDateInputSchema, RegionCodeSchema, parseInput, refuseField } from './input';
import { percentText, step, text, yuanText, type CalcOutcome, type Step } from './steps';
import type { YearDay } from './tables/common';
import type { PolicyTable } from './tables/schema';
import { TableRefSchema, tableFor, tableRef } from './tables/select';
import { PaymentChannelSchema } from './tables/enrollment-schema';
import { waitingPeriod } from './waiting-period';
import { HARDSHIP_GROUPS, HARDSHIP_GROUP_NAMES, type HardshipGroup } from './vocab';

/**
 * Resident contribution and the date benefits start, for the `resident_enrollment` form: the amount for the
 * person's tier or category (contribution table of the coverage year, selected on its 1 January), what a
 * hardship subsidy pays for the person, whether the acceptance date is inside the local collection period,
 * and the waiting period (table in force on the acceptance date).
 */

export const ContributionInputSchema = z.strictObject({
  regionCode: RegionCodeSchema,
  enrollmentYear: z.number('参保年度应为数字').int('参保年度须为整数').min(2000, '不小于2000').max(2100, '不大于2100'),
  personCategory: z.enum(['adult', 'minor', 'student', 'newborn'], '人员类别应为成年居民、未成年人、在校学生或新生儿'),
  /** Adults only. */
  contributionTier: z.enum(['tier1', 'tier2'], '缴费档次应为一档或二档').optional(),
  hardshipGroup: z.enum(['none', ...HARDSHIP_GROUPS], '不是可选的困难群体类别').default('none'),
  /** The day the contribution is accepted (paid). */
  acceptanceDate: LocalDateInputSchema,
  /** Newborns only. */
  birthDate: LocalDateInputSchema.optional(),
  /** Whole coverage years without insurance right before the enrollment year. */
  gapYears: z.number('断保年数应为数字').int('断保年数须为整数').min(0, '不能为负').max(50, '不大于50').default(0),
  /** Of those, years paid back now. */
  backPaidYears: z.number('补缴年数应为数字').int('补缴年数须为整数').min(0, '不能为负').max(50, '不大于50').default(0),
  /** When the person comes from employee insurance: the last day it covered them. */
  employeeInsuranceEndDate: LocalDateInputSchema.optional(),
});
export type ContributionInput = z.input<typeof ContributionInputSchema>;

export const ContributionEstimateSchema = z.strictObject({
  coverageYear: z.number().int(),
  tables: z.array(TableRefSchema),
  rate: z.enum(['tier1', 'tier2', 'minor', 'student']),
  standardFen: z.number().int(),
  subsidyFen: z.number().int(),
  subsidyPayer: LocalizedTextSchema.nullable(),
  personFen: z.number().int(),
  governmentSubsidyFen: z.number().int(),
  collectionPeriod: z.strictObject({ from: z.string(), to: z.string() }),
  inCollectionPeriod: z.boolean(),
  waiting: z.strictObject({
    exemption: z.enum(['newborn', 'employee_transfer', 'hardship']).nullable(),
    fixedMonths: z.number().int(),
    variableMonths: z.number().int(),
    removedMonths: z.number().int(),
    totalMonths: z.number().int(),
  }),
  benefitsFrom: z.string(),
  benefitsTo: z.string(),
  /** The waiting period runs past the coverage year: nothing is covered in it. */
  startsAfterCoverageYear: z.boolean(),
  /** How to pay (缴费渠道), from the contribution table in force; older kept estimates have none. */
  paymentChannels: z.array(PaymentChannelSchema).default([]),
});
export type ContributionEstimate = z.infer<typeof ContributionEstimateSchema>;

const RATE_NAMES = {
  tier1: text('一档', 'tier 1'),
  tier2: text('二档', 'tier 2'),
  minor: text('未成年居民', 'minor'),
  student: text('在校学生', 'student'),
} as const;

function dayOf(year: number, d: YearDay): LocalDate {
  const y = year + d.yearOffset;
  // A 29 February in a table falls back to the 28th in other years.
  return localDate(y, d.month, Math.min(d.day, daysInMonth(y, d.month)));
}

export function estimateContribution(input: ContributionInput, tables: readonly PolicyTable[]): CalcOutcome<ContributionEstimate> {
  const parsed = parseInput(ContributionInputSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const hardship: HardshipGroup | null = v.hardshipGroup === 'none' ? null : v.hardshipGroup;

  if (v.personCategory === 'adult' && v.contributionTier === undefined) return refuseField(['contributionTier'], '成年居民须选择缴费档次');
  if (v.personCategory !== 'adult' && v.contributionTier !== undefined) return refuseField(['contributionTier'], '只有成年居民选择缴费档次');
  if (v.personCategory === 'newborn' && v.birthDate === undefined) return refuseField(['birthDate'], '新生儿须填写出生日期');
  if (v.birthDate !== undefined && v.birthDate > v.acceptanceDate) return refuseField(['birthDate'], '不能晚于受理日期');
  if (v.backPaidYears > v.gapYears) return refuseField(['backPaidYears'], '不能多于断保年数');

  const year = v.enrollmentYear;
  const yearStart = localDate(year, 1, 1);
  const yearEnd = localDate(year, 12, 31);
  const c = tableFor(tables, 'contribution', v.regionCode, yearStart, 'enrollmentYear');
  if (!c.ok) return c;
  // The waiting period is chosen by coverage year, like the contribution (a 2025 enrollment paid in late 2024
  // follows the 2025 rule), not by the day it was paid.
  const w = tableFor(tables, 'waiting_period', v.regionCode, yearStart, 'enrollmentYear');
  if (!w.ok) return w;
  const body = c.table.body;
  const maxBack = w.table.body.variable?.maxBackPaidYears ?? null;
  if (maxBack !== null && v.backPaidYears > maxBack) return refuseField(['backPaidYears'], `最多补缴${maxBack}年`);

  const period = { from: dayOf(year, body.collectionPeriod.from), to: dayOf(year, body.collectionPeriod.to) };
  if (v.acceptanceDate < period.from) return refuseField(['acceptanceDate'], `${year}年度集中缴费期自 ${period.from} 开始，尚不能缴费`);
  if (v.acceptanceDate > yearEnd) return refuseField(['enrollmentYear'], `${year}年度已结束，不能再缴费参保`);
  if (hardship !== null && v.personCategory === 'adult' && v.contributionTier !== body.hardshipTier) {
    return refuseField(['contributionTier'], `困难群体按${RATE_NAMES[body.hardshipTier]['zh-CN']}参保`);
  }

  // Amount, subsidy and the person's part.
  const rate = v.personCategory === 'adult' ? v.contributionTier! : v.personCategory === 'student' ? 'student' : 'minor';
  const standardFen = body.amountsFen[rate];
  const steps: Step[] = [
    step(
      text(
        `${year}年度居民医保个人缴费标准（${RATE_NAMES[rate]['zh-CN']}${v.personCategory === 'newborn' ? '，新生儿按未成年居民' : ''}）`,
        `Resident contribution for ${year} (${RATE_NAMES[rate].en}${v.personCategory === 'newborn' ? ', newborns as minors' : ''})`,
      ),
      standardFen,
      text(`另有财政补助每人 ${yuanText(body.governmentSubsidyFen)} 元`, `the government adds ${yuanText(body.governmentSubsidyFen)} yuan per person`),
    ),
  ];
  let subsidyFen: Fen = 0;
  let subsidyPayer = null;
  if (hardship !== null) {
    const s = body.hardshipSubsidies[hardship];
    subsidyFen = s.mode === 'share' ? applyBasisPoints(standardFen, s.shareBp) : Math.min(standardFen, s.amountFen);
    subsidyPayer = s.payer;
    const g = HARDSHIP_GROUP_NAMES[hardship];
    const how =
      s.mode === 'share'
        ? s.shareBp === 10_000
          ? text('全额资助', 'in full')
          : text(`资助${percentText(s.shareBp)}`, `${percentText(s.shareBp)} of it`)
        : text(`定额资助 ${yuanText(s.amountFen)} 元`, `a fixed ${yuanText(s.amountFen)} yuan`);
    steps.push(
      step(
        text(`${g['zh-CN']}资助参保：由${s.payer['zh-CN']}${how['zh-CN']}`, `Hardship subsidy for a ${g.en}: ${s.payer.en} pays ${how.en}`),
        subsidyFen,
      ),
    );
  }
  const personFen = standardFen - subsidyFen;
  steps.push(
    step(
      text('个人实际缴费', 'Paid by the person'),
      personFen,
      text(`${yuanText(standardFen)} − ${yuanText(subsidyFen)} = ${yuanText(personFen)} 元`, `${yuanText(standardFen)} − ${yuanText(subsidyFen)} = ${yuanText(personFen)} yuan`),
    ),
  );

  // Collection period and waiting period.
  const inCollectionPeriod = v.acceptanceDate <= period.to;
  steps.push(
    step(
      text(
        `集中缴费期 ${period.from} 至 ${period.to}；受理日期 ${v.acceptanceDate}，${inCollectionPeriod ? '在' : '不在'}缴费期内`,
        `Collection period ${period.from} to ${period.to}; accepted on ${v.acceptanceDate}, ${inCollectionPeriod ? 'inside' : 'outside'} it`,
      ),
    ),
  );
  const waiting = waitingPeriod(w.table.body, {
    yearStart,
    acceptanceDate: v.acceptanceDate,
    late: !inCollectionPeriod,
    gapYears: v.gapYears,
    backPaidYears: v.backPaidYears,
    newbornBirthDate: v.personCategory === 'newborn' ? v.birthDate! : null,
    employeeInsuranceEndDate: v.employeeInsuranceEndDate ?? null,
    hardshipGroup: hardship,
  });
  steps.push(...waiting.steps);
  const r = waiting.result;
  const startsAfterCoverageYear = r.benefitsFrom > yearEnd;
  steps.push(
    step(
      startsAfterCoverageYear
        ? text(`待遇等待期超过${year}年度末（${r.benefitsFrom}），本年度缴费后不能享受待遇，请向参保人说明`, `The waiting period runs past the end of ${year} (${r.benefitsFrom}): no benefits in this coverage year — tell the person`)
        : text(`自 ${r.benefitsFrom} 起享受居民医保待遇，至 ${yearEnd}`, `Benefits from ${r.benefitsFrom} to ${yearEnd}`),
    ),
  );

  return {
    ok: true,
    result: {
      coverageYear: year,
      tables: [tableRef(c.table), tableRef(w.table)],
      rate,
      standardFen,
      subsidyFen,
      subsidyPayer,
      personFen,
      governmentSubsidyFen: body.governmentSubsidyFen,
      collectionPeriod: period,
      inCollectionPeriod,
      waiting: { exemption: r.exemption, fixedMonths: r.fixedMonths, variableMonths: r.variableMonths, removedMonths: r.removedMonths, totalMonths: r.totalMonths },
      benefitsFrom: r.benefitsFrom,
      benefitsTo: yearEnd,
      startsAfterCoverageYear,
      paymentChannels: body.paymentChannels,
    },
    steps,
  };
}
