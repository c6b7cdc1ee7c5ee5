import { z } from 'zod';
import { isLocalDate } from '../time';
import type { CalcFailure } from './steps';

/**
 * Input building blocks shared by the calculators, and the one way a zod failure becomes a refusal
 * `{ ok: false, field, message }` naming the field in Chinese.
 */

/**
 * The largest amount one input field may carry: 10,000,000.00 yuan. Keeps fen × basis points (and a
 * claim of 500 such lines) inside the safe-integer range, so every computation stays exact.
 */
export const MAX_INPUT_FEN = 1_000_000_000;
export const MAX_INVOICES = 500;

export const AmountFenSchema = z
  .number('金额应为数字（单位：分）')
  .int('金额以分为单位，须为整数')
  .min(0, '金额不能为负')
  .max(MAX_INPUT_FEN, '金额超过上限（1000万元）');

export const LocalDateInputSchema = z.string('日期应为 YYYY-MM-DD').refine(isLocalDate, '日期应为真实日期，格式 YYYY-MM-DD');

export const RegionCodeSchema = z.string('区划代码应为文字').regex(/^\d{6}$/, '区划代码应为6位数字');

/** One invoice line of a claim (the forms' `invoices` rows); `selfPaidFen` is the wholly self-paid part. */
export const InvoiceLineSchema = z.strictObject({
  invoiceNo: z.string().max(40, '票据号码不超过40个字符').optional(),
  invoiceDate: LocalDateInputSchema.optional(),
  amountFen: AmountFenSchema,
  selfPaidFen: AmountFenSchema.nullish(),
});
export type InvoiceLine = z.input<typeof InvoiceLineSchema>;

export const InvoicesSchema = z
  .array(InvoiceLineSchema, '票据明细应为列表')
  .min(1, '至少一张票据')
  .max(MAX_INVOICES, `最多${MAX_INVOICES}张票据`);

/** Chinese names of the calculators' input fields, for messages such as "出院日期：不能早于入院日期". */
const FIELD_LABELS: Record<string, string> = {
  invoices: '票据',
  invoiceNo: '票据号码',
  invoiceDate: '开票日期',
  amountFen: '票据金额',
  selfPaidFen: '全自费金额',
  careType: '费用类别',
  careStartDate: '就诊或入院日期',
  admissionDate: '入院日期',
  dischargeDate: '出院日期',
  emergencyFilingDate: '异地急诊备案日期',
  visitDate: '就诊日期',
  hospitalLevel: '医疗机构等级',
  insuranceType: '参保险种',
  residentTier: '居民医保缴费档次',
  outOfAreaType: '就医地类型',
  outpatientCategory: '门诊类别',
  regionCode: '区划代码',
  thisYear: '本年度累计',
  basicFundPaidFen: '本年度基本医保已支付',
  deductibleBorneFen: '本年度已负担起付线',
  criticalIllnessBaseFen: '本年度已计入大病保险的合规自付费用',
  criticalIllnessPaidFen: '本年度大病保险已支付',
  assistanceBaseFen: '本年度已计入医疗救助的自付费用',
  assistancePaidFen: '本年度医疗救助已支付',
  assistanceCategory: '救助对象类别',
  selfPaidAfterInsuranceFen: '基本医保和大病保险报销后政策范围内个人自付',
  enrollmentYear: '参保年度',
  personCategory: '人员类别',
  contributionTier: '缴费档次',
  hardshipGroup: '困难群体类别',
  acceptanceDate: '受理（缴费）日期',
  birthDate: '出生日期',
  gapYears: '断保年数',
  backPaidYears: '补缴年数',
  employeeInsuranceEndDate: '职工医保终止日期',
  benefit: '待遇项目',
  lastCheckDate: '末次产检日期',
  deliveryDate: '分娩日期',
  deliveryType: '分娩方式',
  babyCount: '胎儿数',
  difficultBirth: '难产',
  continuousContributionSince: '连续缴费起始日期',
  averageDailyWageFen: '日平均工资',
  assessmentDate: '评估日期',
  requestedCareMode: '申请护理方式',
};

function labelOf(key: string, extra: Readonly<Record<string, string>>): string {
  return extra[key] ?? FIELD_LABELS[key] ?? key;
}

/** "票据第4行的票据金额" for ['invoices', 3, 'amountFen']; "洗澡" for ['adl', 'bathing']. */
export function fieldLabel(path: readonly (string | number)[], extra: Readonly<Record<string, string>> = {}): string {
  if (path.length === 0) return '输入';
  const last = path[path.length - 1]!;
  let label = typeof last === 'number' ? '' : labelOf(last, extra);
  for (let i = path.length - 1; i >= 1; i--) {
    const seg = path[i];
    const parent = path[i - 1];
    if (typeof seg === 'number' && typeof parent === 'string') {
      label = `${labelOf(parent, extra)}第${seg + 1}行${label === '' ? '' : `的${label}`}`;
      break;
    }
  }
  return label === '' ? String(last) : label;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) return '必填';
  if (HAS_CHINESE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return '类型不对';
    case 'invalid_value':
    case 'invalid_union':
      return '不是可选的值';
    case 'too_small':
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return `不能大于 ${String(issue.maximum)}`;
    default:
      return '格式不对';
  }
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Turn the first zod issue into a refusal naming the field. */
export function refusalFromZod(error: z.ZodError, input: unknown, extraLabels: Readonly<Record<string, string>> = {}): CalcFailure {
  const issue = error.issues[0];
  if (!issue) return { ok: false, field: '', message: '输入不正确' };
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  // An unknown key is named as the field itself.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    const at = [...path, issue.keys[0]];
    return { ok: false, field: dotted(at), message: `${fieldLabel(at, extraLabels)}：不是可填写的字段` };
  }
  return {
    ok: false,
    field: dotted(path),
    message: `${fieldLabel(path, extraLabels)}：${issueMessage(issue, input)}`,
  };
}

export type Parsed<T> = { ok: true; value: T } | CalcFailure;

/** Parse a calculator's input with its schema; a failure names the first offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, extraLabels?: Readonly<Record<string, string>>): Parsed<z.output<S>> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : refusalFromZod(r.error, input, extraLabels);
}

/** A refusal for a cross-field rule (e.g. discharge before admission), worded like the zod ones. */
export function refuseField(path: readonly (string | number)[], message: string, extraLabels?: Readonly<Record<string, string>>): CalcFailure {
  return { ok: false, field: dotted(path), message: `${fieldLabel(path, extraLabels)}：${message}` };
}
