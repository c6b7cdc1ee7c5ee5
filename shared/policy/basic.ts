import { applyBasisPoints, type Fen } from '../money';
import { percentText, step, text, yuanText, type Step } from './steps';
import type { OutOfAreaRule, Schedule } from './tables/claims-schema';
import { HOSPITAL_LEVEL_NAMES, OUT_OF_AREA_NAMES, type HospitalLevel, type OutOfAreaType, type ResidentTier, type Scheme } from './vocab';

/**
 * The basic-insurance layer of a claim: out-of-area first share → deductible by hospital level → ratio by
 * scheme and level → annual cap given what the fund already paid this year.
 */

export interface BasicLayerInput {
  scheme: Scheme;
  tier: ResidentTier | undefined;
  hospitalLevel: HospitalLevel;
  outOfAreaType: OutOfAreaType;
  /** The out-of-area rule when the care was out of area. */
  rule: OutOfAreaRule | null;
  policyRangeFen: Fen;
  basicFundPaidThisYearFen: Fen;
  deductibleBorneThisYearFen: Fen;
}

export interface BasicLayerResult {
  personFirstFen: Fen;
  appliedLevel: HospitalLevel;
  deductibleFen: Fen;
  ratioBp: number;
  computedFen: Fen;
  capFen: Fen;
  paidFen: Fen;
}

const DEDUCTIBLE_BASIS = {
  per_admission: text('每次住院', 'per admission'),
  per_visit: text('每次就诊', 'per visit'),
  per_year: text('每年', 'per year'),
} as const;

export function annualCap(schedule: Schedule, scheme: Scheme, tier: ResidentTier | undefined): Fen {
  if (scheme === 'resident' && tier !== undefined) return schedule.annualCapByTierFen?.[tier] ?? schedule.annualCapFen;
  return schedule.annualCapFen;
}

export function basicLayer(schedule: Schedule, input: BasicLayerInput): { result: BasicLayerResult; steps: Step[] } {
  const steps: Step[] = [];
  const { rule, policyRangeFen } = input;

  // 1. Out of area: the person first bears a share; the rest may follow another level's rules.
  const personFirstFen = rule ? applyBasisPoints(policyRangeFen, rule.personFirstBp) : 0;
  const appliedLevel = rule?.asLevel ?? input.hospitalLevel;
  if (rule) {
    const area = OUT_OF_AREA_NAMES[input.outOfAreaType];
    const pct = percentText(rule.personFirstBp);
    steps.push(
      step(
        text(`${area['zh-CN']}：个人先行自付${pct}`, `${area.en}: the person first bears ${pct}`),
        personFirstFen,
        text(`${yuanText(policyRangeFen)} × ${pct} = ${yuanText(personFirstFen)} 元`, `${yuanText(policyRangeFen)} × ${pct} = ${yuanText(personFirstFen)} yuan`),
      ),
    );
    if (rule.asLevel !== null && rule.asLevel !== input.hospitalLevel) {
      const lv = HOSPITAL_LEVEL_NAMES[rule.asLevel];
      steps.push(step(text(`其余部分按本地${lv['zh-CN']}医疗机构的政策报销`, `The rest is reimbursed as at a local ${lv.en} hospital`)));
    }
  }
  const afterFirst = policyRangeFen - personFirstFen;

  // 2. Deductible (起付线).
  const level = HOSPITAL_LEVEL_NAMES[appliedLevel];
  const standard = schedule.deductibleFen[appliedLevel];
  const owed = schedule.deductibleBasis === 'per_year' ? Math.max(0, standard - input.deductibleBorneThisYearFen) : standard;
  const deductibleFen = Math.min(afterFirst, owed);
  const basis = DEDUCTIBLE_BASIS[schedule.deductibleBasis];
  const dedDetail =
    schedule.deductibleBasis === 'per_year'
      ? text(
          `起付标准${basis['zh-CN']} ${yuanText(standard)} 元，本年已负担 ${yuanText(input.deductibleBorneThisYearFen)} 元，本次负担 ${yuanText(deductibleFen)} 元`,
          `deductible ${yuanText(standard)} yuan ${basis.en}, ${yuanText(input.deductibleBorneThisYearFen)} already borne this year, ${yuanText(deductibleFen)} now`,
        )
      : text(`起付标准${basis['zh-CN']} ${yuanText(standard)} 元`, `deductible ${yuanText(standard)} yuan ${basis.en}`);
  steps.push(
    step(
      text(`起付线（${level['zh-CN']}医疗机构），由个人负担`, `Deductible (${level.en} hospital), borne by the person`),
      deductibleFen,
      afterFirst < owed
        ? text(`${dedDetail['zh-CN']}；费用 ${yuanText(afterFirst)} 元未超过起付线`, `${dedDetail.en}; the costs of ${yuanText(afterFirst)} yuan do not exceed it`)
        : dedDetail,
    ),
  );

  // 3. Ratio (支付比例).
  const ratioBp = schedule.ratioBp[appliedLevel];
  const eligible = afterFirst - deductibleFen;
  const computedFen = applyBasisPoints(eligible, ratioBp);
  const pct = percentText(ratioBp);
  steps.push(
    step(
      text(`基本医保按${pct}计算`, `Basic insurance at ${pct}`),
      computedFen,
      text(
        `(${yuanText(afterFirst)} − ${yuanText(deductibleFen)}) × ${pct} = ${yuanText(computedFen)} 元`,
        `(${yuanText(afterFirst)} − ${yuanText(deductibleFen)}) × ${pct} = ${yuanText(computedFen)} yuan`,
      ),
    ),
  );

  // 4. Annual cap (年度最高支付限额).
  const capFen = annualCap(schedule, input.scheme, input.tier);
  const remaining = Math.max(0, capFen - input.basicFundPaidThisYearFen);
  const paidFen = Math.min(computedFen, remaining);
  steps.push(
    step(
      text('基本医保统筹基金支付', 'Paid by the basic insurance fund'),
      paidFen,
      paidFen < computedFen
        ? text(
            `年度最高支付限额 ${yuanText(capFen)} 元，本年已支付 ${yuanText(input.basicFundPaidThisYearFen)} 元，本次只能支付 ${yuanText(paidFen)} 元，超出限额的 ${yuanText(computedFen - paidFen)} 元由个人负担`,
            `annual cap ${yuanText(capFen)} yuan, ${yuanText(input.basicFundPaidThisYearFen)} already paid this year: only ${yuanText(paidFen)} now, the ${yuanText(computedFen - paidFen)} above the cap is borne by the person`,
          )
        : text(
            `未超过年度最高支付限额 ${yuanText(capFen)} 元（本年已支付 ${yuanText(input.basicFundPaidThisYearFen)} 元）`,
            `within the annual cap of ${yuanText(capFen)} yuan (${yuanText(input.basicFundPaidThisYearFen)} already paid this year)`,
          ),
    ),
  );

  return { result: { personFirstFen, appliedLevel, deductibleFen, ratioBp, computedFen, capFen, paidFen }, steps };
}
