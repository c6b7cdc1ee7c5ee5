import { z } from 'zod';
import type { Fen } from '../money';
import { LocalizedTextSchema, type LocalizedText } from '../text';
import { addMonths, type LocalDate } from '../time';
import { InvoicesSchema, LocalDateInputSchema, MAX_INPUT_FEN, RegionCodeSchema, parseInput, refuseField } from './input';
import { step, text, yuanText, type CalcOutcome, type Step } from './steps';
import type { MaternityBody } from './tables/benefits-schema';
import type { PolicyTable } from './tables/schema';
import { TableRefSchema, tableFor, tableRef } from './tables/select';
import { DELIVERY_TYPE_NAMES, DeliveryTypeSchema, HospitalLevelSchema, SCHEME_NAMES, SchemeSchema, type Scheme } from './vocab';

/**
 * Maternity benefits (生育保险待遇) for the `maternity_prenatal`, `maternity_delivery` and `maternity_allowance`
 * forms: fixed standards paid as min(actual costs, standard); the allowance (生育津贴) as days × the employer's
 * average daily wage; each only after the months of continuous contribution the table asks for, counted up to
 * the day of the event ("3 months" is met on the same day three months after the first day of contribution).
 * When a condition is not met the result says so (`eligible: false`, `refusal`) and pays nothing.
 */

const common = {
  regionCode: RegionCodeSchema,
  /** First day of the current unbroken run of contributions (from the insurance record). */
  continuousContributionSince: LocalDateInputSchema.optional(),
};

const BabyCountSchema = z.number('胎儿数应为数字').int('胎儿数须为整数').min(1, '至少为1').max(9, '不大于9');

export const MaternityInputSchema = z.discriminatedUnion(
  'benefit',
  [
    z.strictObject({ benefit: z.literal('prenatal'), insuranceType: SchemeSchema, lastCheckDate: LocalDateInputSchema, invoices: InvoicesSchema, ...common }),
    z.strictObject({
      benefit: z.literal('delivery'),
      insuranceType: SchemeSchema,
      hospitalLevel: HospitalLevelSchema.optional(),
      deliveryDate: LocalDateInputSchema,
      deliveryType: DeliveryTypeSchema,
      babyCount: BabyCountSchema,
      invoices: InvoicesSchema,
      ...common,
    }),
    z.strictObject({
      benefit: z.literal('allowance'),
      insuranceType: SchemeSchema.default('employee'),
      deliveryDate: LocalDateInputSchema,
      deliveryType: DeliveryTypeSchema.optional(),
      babyCount: BabyCountSchema,
      difficultBirth: z.boolean('应为“是”或“否”'),
      /** The employer's average daily wage (单位上年度职工月平均工资 ÷ 30, as the bureau computes it), in fen. */
      averageDailyWageFen: z.number('金额应为数字（单位：分）').int('金额以分为单位，须为整数').min(1, '须大于0').max(MAX_INPUT_FEN, '金额超过上限'),
      ...common,
    }),
  ],
  '待遇项目应为产前检查、生育医疗费或生育津贴',
);
export type MaternityInput = z.input<typeof MaternityInputSchema>;

const fen = z.number().int();
export const MaternityEstimateSchema = z.strictObject({
  benefit: z.enum(['prenatal', 'delivery', 'allowance']),
  eventDate: z.string(),
  tables: z.array(TableRefSchema),
  eligible: z.boolean(),
  refusal: LocalizedTextSchema.nullable(),
  /** Actual costs (invoice total) for prenatal and delivery. */
  actualFen: fen.nullable(),
  standardFen: fen.nullable(),
  allowanceDays: fen.nullable(),
  dailyFen: fen.nullable(),
  payableFen: fen,
  /** The day the contribution condition is (or would be) met; null when there is none. */
  contributionMetOn: z.string().nullable(),
});
export type MaternityEstimate = z.infer<typeof MaternityEstimateSchema>;

type Parsed = z.output<typeof MaternityInputSchema>;

const EVENT_FIELD = { prenatal: 'lastCheckDate', delivery: 'deliveryDate', allowance: 'deliveryDate' } as const;
const BENEFIT_NAMES = {
  prenatal: text('产前检查费', 'prenatal check costs'),
  delivery: text('生育医疗费', 'delivery costs'),
  allowance: text('生育津贴', 'maternity allowance'),
} as const;

function eventDateOf(v: Parsed): LocalDate {
  return v.benefit === 'prenatal' ? v.lastCheckDate : v.deliveryDate;
}

function requiredMonths(body: MaternityBody, v: Parsed, scheme: Scheme): number | null {
  return v.benefit === 'allowance' ? body.allowance.minContributionMonths : body.medicalMinContributionMonths[scheme];
}

export function estimateMaternity(input: MaternityInput, tables: readonly PolicyTable[]): CalcOutcome<MaternityEstimate> {
  const parsed = parseInput(MaternityInputSchema, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const eventDate = eventDateOf(v);
  const eventField = EVENT_FIELD[v.benefit];
  const eventName = v.benefit === 'prenatal' ? '末次产检日期' : '分娩日期';
  if (v.benefit !== 'allowance') {
    for (let i = 0; i < v.invoices.length; i++) {
      const line = v.invoices[i]!;
      if ((line.selfPaidFen ?? 0) > line.amountFen) return refuseField(['invoices', i, 'selfPaidFen'], '不能大于票据金额');
    }
  }
  if (v.continuousContributionSince !== undefined && v.continuousContributionSince > eventDate) {
    return refuseField(['continuousContributionSince'], `不能晚于${eventName}`);
  }
  const t = tableFor(tables, 'maternity', v.regionCode, eventDate, eventField);
  if (!t.ok) return t;
  const body = t.table.body;
  const scheme = v.insuranceType;
  const benefitName = BENEFIT_NAMES[v.benefit];

  const base = {
    benefit: v.benefit,
    eventDate,
    tables: [tableRef(t.table)],
    actualFen: null as Fen | null,
    standardFen: null as Fen | null,
    allowanceDays: null as number | null,
    dailyFen: null as Fen | null,
    contributionMetOn: null as LocalDate | null,
  };
  const steps: Step[] = [];
  const refuse = (why: LocalizedText): CalcOutcome<MaternityEstimate> => {
    steps.push(step(text(`不能享受${benefitName['zh-CN']}待遇：${why['zh-CN']}`, `Not eligible for ${benefitName.en}: ${why.en}`), 0));
    return { ok: true, result: { ...base, eligible: false, refusal: why, payableFen: 0 }, steps };
  };

  // Who the benefit is for.
  if (v.benefit === 'allowance' && !body.allowance.schemes.includes(scheme)) {
    return refuse(text(`生育津贴不支付给${SCHEME_NAMES[scheme]['zh-CN']}参保人员`, `the allowance is not paid under ${SCHEME_NAMES[scheme].en}`));
  }
  if (v.benefit === 'prenatal' && body.prenatalFen[scheme] === null) {
    return refuse(text(`${SCHEME_NAMES[scheme]['zh-CN']}没有产前检查定额待遇（产前检查费用按门诊规定报销）`, `${SCHEME_NAMES[scheme].en} has no fixed prenatal benefit (prenatal costs follow outpatient rules)`));
  }
  if (v.benefit === 'delivery' && body.deliveryFen[scheme] === null) {
    return refuse(text(`${SCHEME_NAMES[scheme]['zh-CN']}没有生育医疗费定额待遇`, `${SCHEME_NAMES[scheme].en} has no fixed delivery benefit`));
  }

  // Contribution condition.
  const months = requiredMonths(body, v, scheme);
  if (months !== null) {
    const since = v.continuousContributionSince;
    if (since === undefined) return refuseField(['continuousContributionSince'], `${benefitName['zh-CN']}须连续缴费满${months}个月，请填写连续缴费起始日期`);
    const metOn = addMonths(since, months);
    base.contributionMetOn = metOn;
    if (metOn > eventDate) {
      return refuse(
        text(
          `自 ${since} 起连续缴费，到${eventName} ${eventDate} 不满${months}个月（${metOn} 才满）`,
          `continuous contributions since ${since} do not reach ${months} months by ${eventDate} (only on ${metOn})`,
        ),
      );
    }
    steps.push(
      step(
        text(`自 ${since} 起连续缴费，${metOn} 满${months}个月，${eventName} ${eventDate} 已符合条件`, `Continuous contributions since ${since} reached ${months} months on ${metOn}; the condition is met on ${eventDate}`),
      ),
    );
  }

  if (v.benefit === 'allowance') {
    const a = body.allowance;
    const extraBabies = v.babyCount - 1;
    const days = a.baseDays + (v.difficultBirth ? a.difficultBirthDays : 0) + extraBabies * a.perExtraBabyDays;
    const payable = days * v.averageDailyWageFen;
    const parts = [`${a.baseDays}`];
    const partsEn = [`${a.baseDays}`];
    if (v.difficultBirth) {
      parts.push(`${a.difficultBirthDays}（难产）`);
      partsEn.push(`${a.difficultBirthDays} (difficult birth)`);
    }
    if (extraBabies > 0) {
      parts.push(`${a.perExtraBabyDays} × ${extraBabies}（多胞胎）`);
      partsEn.push(`${a.perExtraBabyDays} × ${extraBabies} (extra babies)`);
    }
    steps.push(step(text(`生育津贴天数：${parts.join(' + ')} = ${days} 天`, `Allowance days: ${partsEn.join(' + ')} = ${days}`)));
    steps.push(
      step(
        text('生育津贴', 'Maternity allowance'),
        payable,
        text(`${days} 天 × 日平均工资 ${yuanText(v.averageDailyWageFen)} 元 = ${yuanText(payable)} 元`, `${days} days × average daily wage ${yuanText(v.averageDailyWageFen)} = ${yuanText(payable)} yuan`),
      ),
    );
    return { ok: true, result: { ...base, eligible: true, refusal: null, allowanceDays: days, dailyFen: v.averageDailyWageFen, payableFen: payable }, steps };
  }

  const actual = v.invoices.reduce((sum, l) => sum + l.amountFen, 0);
  const standard = v.benefit === 'prenatal' ? body.prenatalFen[scheme]! : body.deliveryFen[scheme]![v.deliveryType];
  const payable = Math.min(actual, standard);
  const what = v.benefit === 'delivery' ? text(`${SCHEME_NAMES[scheme]['zh-CN']}${DELIVERY_TYPE_NAMES[v.deliveryType]['zh-CN']}`, `${SCHEME_NAMES[scheme].en}, ${DELIVERY_TYPE_NAMES[v.deliveryType].en}`) : SCHEME_NAMES[scheme];
  steps.push(step(text(`实际发生${benefitName['zh-CN']}（票据合计）`, `Actual ${benefitName.en} (invoice total)`), actual));
  steps.push(step(text(`${benefitName['zh-CN']}定额标准（${what['zh-CN']}）`, `Standard for ${benefitName.en} (${what.en})`), standard));
  steps.push(
    step(
      text(`支付${benefitName['zh-CN']}`, `${benefitName.en} paid`),
      payable,
      actual > standard
        ? text(`实际费用高于标准，按标准 ${yuanText(standard)} 元支付`, `actual costs exceed the standard: the standard ${yuanText(standard)} yuan is paid`)
        : text(`实际费用不高于标准，按实际 ${yuanText(actual)} 元支付`, `actual costs within the standard: ${yuanText(actual)} yuan is paid`),
    ),
  );
  return { ok: true, result: { ...base, eligible: true, refusal: null, actualFen: actual, standardFen: standard, payableFen: payable }, steps };
}
