import { z } from 'zod';
import type { Fen } from '../money';
import type { LocalDate } from '../time';
import { defaultCalendar, type WorkingCalendar } from '../calendar';
import { assistanceLayer, assistanceNotApplied } from './assistance';
import { basicLayer } from './basic';
import { criticalIllnessLayer } from './critical-illness';
import { AmountFenSchema, InvoicesSchema, LocalDateInputSchema, RegionCodeSchema, parseInput, refuseField } from './input';
import { countEn, step, text, yuanText, type CalcOutcome, type Step } from './steps';
import type { Schedule } from './tables/claims-schema';
import type { PolicyTable } from './tables/schema';
import { TableRefSchema, selectTable, tableFor, tableRef, type TableRef } from './tables/select';
import {
  AssistanceCategorySchema,
  HOSPITAL_LEVELS,
  HospitalLevelSchema,
  OUTPATIENT_CATEGORY_NAMES,
  OutOfAreaTypeSchema,
  OutpatientCategorySchema,
  ResidentTierSchema,
  SCHEME_NAMES,
  SchemeSchema,
  type CareKind,
} from './vocab';

/**
 * The estimate of a manual claim (零星报销) as one settlement sheet (一单制结算): invoices → policy-range
 * amount → basic insurance (out-of-area share, deductible, ratio, annual cap) → critical-illness insurance →
 * medical assistance → what the person pays in the end. Tables are selected on the admission (or visit) date.
 * Field names follow the claim forms (`inpatient_reimbursement`, `outpatient_reimbursement`).
 */

/** What the person already had this year; each estimate returns the updated figures (`thisYearAfter`). */
export const ThisYearSchema = z
  .strictObject({
    /** Paid by the basic fund this year under the same schedule (counts against its annual cap). */
    basicFundPaidFen: AmountFenSchema.default(0),
    /** Deductible already borne this year (schedules with a yearly deductible). */
    deductibleBorneFen: AmountFenSchema.default(0),
    /** In-range self-paid amount already counted by critical-illness insurance this year. */
    criticalIllnessBaseFen: AmountFenSchema.default(0),
    criticalIllnessPaidFen: AmountFenSchema.default(0),
    /** Self-paid amount already counted by medical assistance this year (yearly bands only). */
    assistanceBaseFen: AmountFenSchema.default(0),
    assistancePaidFen: AmountFenSchema.default(0),
  })
  .prefault({});
export type ThisYear = z.output<typeof ThisYearSchema>;

const claimCommon = {
  regionCode: RegionCodeSchema,
  insuranceType: SchemeSchema,
  /** Required for resident insurance (the annual cap differs by tier). */
  residentTier: ResidentTierSchema.optional(),
  hospitalLevel: HospitalLevelSchema,
  outOfAreaType: OutOfAreaTypeSchema.default('local'),
  /**
   * 异地急诊: the day the emergency was filed (备案), if it was. Whether it was filed within the out-of-area table's
   * `emergencyFilingWorkingDays` of admission (or the visit) decides the rule: emergency, or not filed.
   */
  emergencyFilingDate: LocalDateInputSchema.optional(),
  invoices: InvoicesSchema,
  /** The person's medical-assistance category, or null/absent when the person is not a recipient. */
  assistanceCategory: AssistanceCategorySchema.nullish(),
  thisYear: ThisYearSchema,
};

export const ClaimInputSchema = z.discriminatedUnion(
  'careType',
  [
    z.strictObject({ careType: z.literal('inpatient'), admissionDate: LocalDateInputSchema, dischargeDate: LocalDateInputSchema, ...claimCommon }),
    z.strictObject({ careType: z.literal('outpatient'), outpatientCategory: OutpatientCategorySchema.default('general'), visitDate: LocalDateInputSchema, ...claimCommon }),
  ],
  '费用类别应为住院或门诊',
);
export type ClaimInput = z.input<typeof ClaimInputSchema>;

const fen = z.number().int();
const LayerSchema = z.strictObject({ applied: z.boolean(), baseFen: fen, paidFen: fen });

export const ClaimEstimateSchema = z.strictObject({
  careDate: z.string(),
  tables: z.array(TableRefSchema),
  invoiceTotalFen: fen,
  wholelySelfPaidFen: fen,
  policyRangeFen: fen,
  basic: z.strictObject({
    personFirstFen: fen,
    appliedLevel: z.enum(HOSPITAL_LEVELS),
    deductibleFen: fen,
    ratioBp: fen,
    computedFen: fen,
    capFen: fen,
    paidFen: fen,
  }),
  criticalIllness: LayerSchema,
  assistance: LayerSchema,
  /** The one-sheet settlement: every layer's payment and the person's part add up to the invoice total. */
  settlement: z.strictObject({ totalFen: fen, basicFundFen: fen, criticalIllnessFen: fen, medicalAssistanceFen: fen, personFen: fen }),
  thisYearAfter: z.strictObject({
    basicFundPaidFen: fen,
    deductibleBorneFen: fen,
    criticalIllnessBaseFen: fen,
    criticalIllnessPaidFen: fen,
    assistanceBaseFen: fen,
    assistancePaidFen: fen,
  }),
});
export type ClaimEstimate = z.infer<typeof ClaimEstimateSchema>;

const CARE_KIND_OF_OUTPATIENT = { general: 'outpatient_general', two_diseases: 'outpatient_two_diseases', chronic_special: 'outpatient_chronic' } as const;

/** What the claim calculator needs of the working calendar (the station's, or the official one shipped). */
export type ClaimCalendar = Pick<WorkingCalendar, 'workingDaysBetween'>;

export function estimateClaim(input: ClaimInput, tables: readonly PolicyTable[], calendar: ClaimCalendar = defaultCalendar): CalcOutcome<ClaimEstimate> {
  const parsed = parseInput(ClaimInputSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;

  // Cross-field checks.
  if (v.careType === 'inpatient' && v.dischargeDate < v.admissionDate) return refuseField(['dischargeDate'], '不能早于入院日期');
  for (let i = 0; i < v.invoices.length; i++) {
    const line = v.invoices[i]!;
    if ((line.selfPaidFen ?? 0) > line.amountFen) return refuseField(['invoices', i, 'selfPaidFen'], '不能大于票据金额');
  }
  if (v.insuranceType === 'resident' && v.residentTier === undefined) return refuseField(['residentTier'], '城乡居民医保须填写缴费档次');

  const careDate: LocalDate = v.careType === 'inpatient' ? v.admissionDate : v.visitDate;
  const dateField = v.careType === 'inpatient' ? 'admissionDate' : 'visitDate';
  const used: TableRef[] = [];

  // The basic-insurance schedule.
  let schedule: Schedule;
  let careKind: CareKind;
  if (v.careType === 'inpatient') {
    const t = tableFor(tables, 'inpatient', v.regionCode, careDate, dateField);
    if (!t.ok) return t;
    used.push(tableRef(t.table));
    schedule = t.table.body[v.insuranceType];
    careKind = 'inpatient';
  } else {
    const t = tableFor(tables, 'outpatient', v.regionCode, careDate, dateField);
    if (!t.ok) return t;
    used.push(tableRef(t.table));
    const s = t.table.body[v.outpatientCategory][v.insuranceType];
    if (s === null) {
      return refuseField(['outpatientCategory'], `${SCHEME_NAMES[v.insuranceType]['zh-CN']}没有“${OUTPATIENT_CATEGORY_NAMES[v.outpatientCategory]['zh-CN']}”待遇`);
    }
    schedule = s;
    careKind = CARE_KIND_OF_OUTPATIENT[v.outpatientCategory];
  }

  let rule = null;
  let outOfAreaType = v.outOfAreaType;
  const outOfAreaSteps: Step[] = [];
  if (outOfAreaType !== 'local') {
    const t = tableFor(tables, 'out_of_area', v.regionCode, careDate, dateField);
    if (!t.ok) return t;
    used.push(tableRef(t.table));
    if (outOfAreaType === 'offsite_emergency') {
      // Filed within the limit of working days after admission: the emergency rule; otherwise care not filed.
      const limit = t.table.body.emergencyFilingWorkingDays;
      const filed = v.emergencyFilingDate;
      if (filed !== undefined && filed < careDate) return refuseField(['emergencyFilingDate'], `不能早于${v.careType === 'inpatient' ? '入院' : '就诊'}日期`);
      const days = filed === undefined ? null : calendar.workingDaysBetween(careDate, filed).days;
      const inTime = days !== null && days <= limit;
      outOfAreaSteps.push(
        step(
          filed === undefined
            ? text(`异地急诊未备案（应在${v.careType === 'inpatient' ? '入院' : '就诊'}后 ${limit} 个工作日内备案）：按未备案异地就医计算`, `Out-of-area emergency not filed (due within ${countEn(limit, 'working day')}): treated as care not filed`)
            : inTime
              ? text(`异地急诊于 ${filed} 备案，为${v.careType === 'inpatient' ? '入院' : '就诊'}后第 ${days} 个工作日（${limit} 个工作日内）：按异地急诊计算`, `Out-of-area emergency filed on ${filed}, working day ${days} after the start (within ${limit}): the emergency rule applies`)
              : text(`异地急诊于 ${filed} 备案，为${v.careType === 'inpatient' ? '入院' : '就诊'}后第 ${days} 个工作日，超过 ${limit} 个工作日：按未备案异地就医计算`, `Out-of-area emergency filed on ${filed}, working day ${days} after the start, beyond ${limit}: treated as care not filed`),
        ),
      );
      if (!inTime) outOfAreaType = 'offsite_unfiled';
    }
    rule = t.table.body.rules[outOfAreaType];
  }

  let assistanceBody = null;
  const category = v.assistanceCategory ?? null;
  if (category !== null) {
    const t = tableFor(tables, 'medical_assistance', v.regionCode, careDate, dateField);
    if (!t.ok) return t;
    used.push(tableRef(t.table));
    assistanceBody = t.table.body;
  }

  const ci = selectTable(tables, 'critical_illness', v.regionCode, careDate);
  if (ci.ok) used.push(tableRef(ci.table));

  // Invoices → policy range.
  let total = 0;
  let selfPaid = 0;
  for (const line of v.invoices) {
    total += line.amountFen;
    selfPaid += line.selfPaidFen ?? 0;
  }
  const policyRange = total - selfPaid;
  const steps: Step[] = [
    step(text(`票据金额合计（共${v.invoices.length}张）`, `Invoice total (${countEn(v.invoices.length, 'receipt')})`), total),
    step(text('其中全自费部分（医保目录外），由个人负担', 'Of which wholly self-paid (outside the catalogue), borne by the person'), selfPaid),
    step(
      text('政策范围内费用', 'Costs within the policy range'),
      policyRange,
      text(`${yuanText(total)} − ${yuanText(selfPaid)} = ${yuanText(policyRange)} 元`, `${yuanText(total)} − ${yuanText(selfPaid)} = ${yuanText(policyRange)} yuan`),
    ),
    ...outOfAreaSteps,
  ];

  // Basic insurance.
  const basic = basicLayer(schedule, {
    scheme: v.insuranceType,
    tier: v.residentTier,
    hospitalLevel: v.hospitalLevel,
    outOfAreaType,
    rule,
    policyRangeFen: policyRange,
    basicFundPaidThisYearFen: v.thisYear.basicFundPaidFen,
    deductibleBorneThisYearFen: v.thisYear.deductibleBorneFen,
  });
  steps.push(...basic.steps);
  const b = basic.result;
  // The in-range amount the person still bears; a first share that does not count stays with the person.
  const uncountedFirst = rule !== null && !rule.firstBorneCounted ? b.personFirstFen : 0;
  const afterBasic = policyRange - b.paidFen - uncountedFirst;

  // Critical-illness insurance.
  const critical = criticalIllnessLayer(ci.ok ? ci.table.body : null, {
    scheme: v.insuranceType,
    careKind,
    category,
    baseFen: afterBasic,
    baseThisYearFen: v.thisYear.criticalIllnessBaseFen,
    paidThisYearFen: v.thisYear.criticalIllnessPaidFen,
  });
  steps.push(...critical.steps);
  const afterCritical = afterBasic - critical.result.paidFen;

  // Medical assistance.
  const assistance =
    category === null || assistanceBody === null
      ? null
      : rule !== null && !rule.assistanceEligible
        ? assistanceNotApplied(text('未按规定备案的异地就医费用不纳入医疗救助', 'out-of-area care that was not filed is outside medical assistance'))
        : assistanceLayer(assistanceBody, {
            category,
            careKind,
            baseFen: afterCritical,
            baseThisYearFen: v.thisYear.assistanceBaseFen,
            paidThisYearFen: v.thisYear.assistancePaidFen,
          });
  if (assistance) steps.push(...assistance.steps);
  const assistancePaid = assistance?.result.paidFen ?? 0;

  const person: Fen = total - b.paidFen - critical.result.paidFen - assistancePaid;
  steps.push(
    step(
      text('个人负担合计', 'Borne by the person in total'),
      person,
      text(
        `${yuanText(total)} − 基本医保 ${yuanText(b.paidFen)} − 大病保险 ${yuanText(critical.result.paidFen)} − 医疗救助 ${yuanText(assistancePaid)} = ${yuanText(person)} 元`,
        `${yuanText(total)} − basic ${yuanText(b.paidFen)} − critical illness ${yuanText(critical.result.paidFen)} − assistance ${yuanText(assistancePaid)} = ${yuanText(person)} yuan`,
      ),
    ),
  );

  const ty = v.thisYear;
  return {
    ok: true,
    result: {
      careDate,
      tables: used,
      invoiceTotalFen: total,
      wholelySelfPaidFen: selfPaid,
      policyRangeFen: policyRange,
      basic: b,
      criticalIllness: critical.result,
      assistance: assistance?.result ?? { applied: false, baseFen: 0, paidFen: 0 },
      settlement: {
        totalFen: total,
        basicFundFen: b.paidFen,
        criticalIllnessFen: critical.result.paidFen,
        medicalAssistanceFen: assistancePaid,
        personFen: person,
      },
      thisYearAfter: {
        basicFundPaidFen: ty.basicFundPaidFen + b.paidFen,
        deductibleBorneFen: schedule.deductibleBasis === 'per_year' ? ty.deductibleBorneFen + b.deductibleFen : ty.deductibleBorneFen,
        criticalIllnessBaseFen: ty.criticalIllnessBaseFen + critical.result.baseFen,
        criticalIllnessPaidFen: ty.criticalIllnessPaidFen + critical.result.paidFen,
        assistanceBaseFen: ty.assistanceBaseFen + (assistance?.result.baseFen ?? 0),
        assistancePaidFen: ty.assistancePaidFen + assistancePaid,
      },
    },
    steps,
  };
}
