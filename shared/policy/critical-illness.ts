import { applyBasisPoints, type Fen } from '../money';
import { bandDetail, bandedPay } from './bands';
import { percentText, step, text, yuanText, type Step } from './steps';
import type { CriticalIllnessBody } from './tables/claims-schema';
import type { AssistanceCategory, CareKind, Scheme } from './vocab';

/**
 * The critical-illness layer (大病保险): on the in-range amount the person still bears after basic insurance,
 * counted over the year above the yearly deductible, by bands, within the yearly cap. Favoured groups
 * (特困, 低保, … as the table lists) get a lower deductible, higher ratios and possibly no cap.
 */

export interface CriticalIllnessInput {
  scheme: Scheme;
  careKind: CareKind;
  category: AssistanceCategory | null;
  /** In-range amount of this claim the person bears after basic insurance (what the layer counts). */
  baseFen: Fen;
  baseThisYearFen: Fen;
  paidThisYearFen: Fen;
}

export interface CriticalIllnessResult {
  applied: boolean;
  baseFen: Fen;
  paidFen: Fen;
}

export function criticalIllnessLayer(body: CriticalIllnessBody | null, input: CriticalIllnessInput): { result: CriticalIllnessResult; steps: Step[] } {
  const label = text('大病保险支付', 'Paid by critical-illness insurance');
  const notApplied = (why: { 'zh-CN': string; en: string }) => ({
    result: { applied: false, baseFen: 0, paidFen: 0 },
    steps: [step(label, 0, why)],
  });
  if (body === null) return notApplied(text('本地区在就医日期没有大病保险政策表，不计算', 'no critical-illness table in force on the date of care'));
  if (!body.schemes.includes(input.scheme)) return notApplied(text('大病保险不适用于该险种', 'critical-illness insurance does not cover this scheme'));
  if (!body.careKinds.includes(input.careKind)) return notApplied(text('该类费用不属于大病保险支付范围', 'these costs are outside critical-illness insurance'));

  const favoured = input.category !== null && body.favoured.groups.includes(input.category);
  const deductible = favoured ? applyBasisPoints(body.deductibleFen, body.favoured.deductibleShareBp) : body.deductibleFen;
  const bonus = favoured ? body.favoured.ratioBonusBp : 0;
  const before = input.baseThisYearFen;
  const after = before + input.baseFen;
  const { payFen, parts } = bandedPay(Math.max(0, before - deductible), Math.max(0, after - deductible), body.bands, bonus);
  const uncapped = favoured && body.favoured.noCap;
  const remaining = uncapped ? Number.POSITIVE_INFINITY : Math.max(0, body.annualCapFen - input.paidThisYearFen);
  const paidFen = Math.min(payFen, remaining);

  const steps: Step[] = [
    step(
      text('计入大病保险的合规自付费用', 'In-range costs counted by critical-illness insurance'),
      input.baseFen,
      text(
        `本年累计 ${yuanText(before)} + ${yuanText(input.baseFen)} = ${yuanText(after)} 元；年度起付线 ${yuanText(deductible)} 元${favoured ? `（困难群体降低${percentText(10_000 - body.favoured.deductibleShareBp)}）` : ''}`,
        `year to date ${yuanText(before)} + ${yuanText(input.baseFen)} = ${yuanText(after)} yuan; yearly deductible ${yuanText(deductible)} yuan${favoured ? ` (lowered by ${percentText(10_000 - body.favoured.deductibleShareBp)} for hardship groups)` : ''}`,
      ),
    ),
  ];
  if (parts.length === 0) {
    steps.push(step(label, 0, text(`本年累计未超过起付线 ${yuanText(deductible)} 元，大病保险不支付`, `the year's total does not exceed the deductible of ${yuanText(deductible)} yuan: nothing is paid`)));
    return { result: { applied: true, baseFen: input.baseFen, paidFen: 0 }, steps };
  }
  const bands = bandDetail(parts, payFen);
  const capNote =
    paidFen < payFen
      ? text(`；年度最高支付 ${yuanText(body.annualCapFen)} 元，本年已支付 ${yuanText(input.paidThisYearFen)} 元，本次支付 ${yuanText(paidFen)} 元`, `; yearly cap ${yuanText(body.annualCapFen)} yuan, ${yuanText(input.paidThisYearFen)} already paid, ${yuanText(paidFen)} now`)
      : uncapped
        ? text('；困难群体不设封顶线', '; no cap for hardship groups')
        : text('', '');
  steps.push(
    step(label, paidFen, {
      'zh-CN': `${bands['zh-CN']}${favoured && bonus > 0 ? `（比例提高${percentText(bonus).slice(0, -1)}个百分点）` : ''}${capNote['zh-CN']}`,
      en: `${bands.en}${favoured && bonus > 0 ? ` (ratios raised by ${percentText(bonus).slice(0, -1)} percentage points)` : ''}${capNote.en}`,
    }),
  );
  return { result: { applied: true, baseFen: input.baseFen, paidFen }, steps };
}
