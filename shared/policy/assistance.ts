import { z } from 'zod';
import type { Fen } from '../money';
import type { LocalizedText } from '../text';
import { bandDetail, bandedPay } from './bands';
import { AmountFenSchema, LocalDateInputSchema, RegionCodeSchema, parseInput } from './input';
import { step, text, yuanText, type CalcOutcome, type Step } from './steps';
import type { MedicalAssistanceBody } from './tables/claims-schema';
import type { PolicyTable } from './tables/schema';
import { TableRefSchema, tableFor, tableRef } from './tables/select';
import { ASSISTANCE_CATEGORY_NAMES, AssistanceCategorySchema, type AssistanceCategory, type CareKind } from './vocab';

/**
 * Medical assistance (医疗救助) on the in-range amount a recipient still bears after basic and
 * critical-illness insurance: banded ratios by category (per claim or over the year), no deductible in the
 * seed city, and a yearly cap per person given what was already paid this year.
 */

export interface AssistanceLayerInput {
  category: AssistanceCategory;
  careKind: CareKind;
  baseFen: Fen;
  baseThisYearFen: Fen;
  paidThisYearFen: Fen;
}

export interface AssistanceLayerResult {
  applied: boolean;
  baseFen: Fen;
  paidFen: Fen;
}

const LABEL = text('医疗救助支付', 'Paid by medical assistance');

export function assistanceNotApplied(why: LocalizedText): { result: AssistanceLayerResult; steps: Step[] } {
  return { result: { applied: false, baseFen: 0, paidFen: 0 }, steps: [step(LABEL, 0, why)] };
}

export function assistanceLayer(body: MedicalAssistanceBody, input: AssistanceLayerInput): { result: AssistanceLayerResult; steps: Step[] } {
  if (!body.careKinds.includes(input.careKind)) return assistanceNotApplied(text('该类费用不属于医疗救助范围', 'these costs are outside medical assistance'));
  const cat = ASSISTANCE_CATEGORY_NAMES[input.category];
  const d = body.deductibleFen;
  const [from, to] =
    body.bandBasis === 'per_claim'
      ? [0, Math.max(0, input.baseFen - d)]
      : [Math.max(0, input.baseThisYearFen - d), Math.max(0, input.baseThisYearFen + input.baseFen - d)];
  const { payFen, parts } = bandedPay(from, to, body.bands[input.category]);
  const remaining = Math.max(0, body.annualCapFen - input.paidThisYearFen);
  const paidFen = Math.min(payFen, remaining);

  const steps: Step[] = [
    step(
      text(`救助对象（${cat['zh-CN']}）政策范围内个人自付`, `In-range amount still borne by the recipient — ${cat.en}`),
      input.baseFen,
      d > 0
        ? text(`救助起付线 ${yuanText(d)} 元`, `assistance deductible ${yuanText(d)} yuan`)
        : text('医疗救助不设起付线', 'medical assistance has no deductible'),
    ),
  ];
  const bands = bandDetail(parts, payFen);
  const cap =
    paidFen < payFen
      ? text(
          `；年度救助限额 ${yuanText(body.annualCapFen)} 元，本年已救助 ${yuanText(input.paidThisYearFen)} 元，本次救助 ${yuanText(paidFen)} 元`,
          `; yearly cap ${yuanText(body.annualCapFen)} yuan, ${yuanText(input.paidThisYearFen)} already paid this year, ${yuanText(paidFen)} now`,
        )
      : text(
          `；未超过年度救助限额 ${yuanText(body.annualCapFen)} 元（本年已救助 ${yuanText(input.paidThisYearFen)} 元）`,
          `; within the yearly cap of ${yuanText(body.annualCapFen)} yuan (${yuanText(input.paidThisYearFen)} already paid this year)`,
        );
  steps.push(step(LABEL, paidFen, { 'zh-CN': bands['zh-CN'] + cap['zh-CN'], en: bands.en + cap.en }));
  return { result: { applied: true, baseFen: input.baseFen, paidFen }, steps };
}

// ---------------------------------------------------------------------------------------------
// The assistance claim on its own (救助对象手工报销): settlement sheets of basic and critical-illness
// insurance give the in-range amount the recipient still bears.

/** The assistance claim form's `careType`: outpatient means chronic/special outpatient care (门诊慢特病). */
const CARE_KIND_OF: Record<'inpatient' | 'outpatient' | 'pharmacy', CareKind> = {
  inpatient: 'inpatient',
  outpatient: 'outpatient_chronic',
  pharmacy: 'pharmacy',
};

export const AssistanceInputSchema = z.strictObject({
  regionCode: RegionCodeSchema,
  assistanceCategory: AssistanceCategorySchema,
  careType: z.enum(['inpatient', 'outpatient', 'pharmacy'], '费用类别应为门诊、住院或定点药店购药'),
  /** Date of the visit or admission: selects the table. */
  careStartDate: LocalDateInputSchema,
  /** In-range amount the recipient bears after basic and critical-illness insurance (from the settlement sheets). */
  selfPaidAfterInsuranceFen: AmountFenSchema,
  thisYear: z
    .strictObject({ assistanceBaseFen: AmountFenSchema.default(0), assistancePaidFen: AmountFenSchema.default(0) })
    .prefault({}),
});
export type AssistanceInput = z.input<typeof AssistanceInputSchema>;

export const AssistanceEstimateSchema = z.strictObject({
  tables: z.array(TableRefSchema),
  applied: z.boolean(),
  baseFen: z.number().int(),
  assistanceFen: z.number().int(),
  personFen: z.number().int(),
  thisYearAfter: z.strictObject({ assistanceBaseFen: z.number().int(), assistancePaidFen: z.number().int() }),
});
export type AssistanceEstimate = z.infer<typeof AssistanceEstimateSchema>;

export function estimateAssistance(input: AssistanceInput, tables: readonly PolicyTable[]): CalcOutcome<AssistanceEstimate> {
  const parsed = parseInput(AssistanceInputSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const t = tableFor(tables, 'medical_assistance', v.regionCode, v.careStartDate, 'careStartDate');
  if (!t.ok) return t;
  const layer = assistanceLayer(t.table.body, {
    category: v.assistanceCategory,
    careKind: CARE_KIND_OF[v.careType],
    baseFen: v.selfPaidAfterInsuranceFen,
    baseThisYearFen: v.thisYear.assistanceBaseFen,
    paidThisYearFen: v.thisYear.assistancePaidFen,
  });
  const personFen = v.selfPaidAfterInsuranceFen - layer.result.paidFen;
  const steps = [
    ...layer.steps,
    step(
      text('救助后个人负担', 'Borne by the person after assistance'),
      personFen,
      text(
        `${yuanText(v.selfPaidAfterInsuranceFen)} − ${yuanText(layer.result.paidFen)} = ${yuanText(personFen)} 元`,
        `${yuanText(v.selfPaidAfterInsuranceFen)} − ${yuanText(layer.result.paidFen)} = ${yuanText(personFen)} yuan`,
      ),
    ),
  ];
  return {
    ok: true,
    result: {
      tables: [tableRef(t.table)],
      applied: layer.result.applied,
      baseFen: layer.result.baseFen,
      assistanceFen: layer.result.paidFen,
      personFen,
      thisYearAfter: {
        assistanceBaseFen: v.thisYear.assistanceBaseFen + layer.result.baseFen,
        assistancePaidFen: v.thisYear.assistancePaidFen + layer.result.paidFen,
      },
    },
    steps,
  };
}
