import { addDays, addMonths, type LocalDate } from '../time';
import { countEn, step, text, type Step } from './steps';
import type { WaitingPeriodBody } from './tables/enrollment-schema';
import { HARDSHIP_GROUP_NAMES, type HardshipGroup } from './vocab';

/**
 * When resident benefits start (待遇享受起始日), by the waiting-period table in force on the acceptance date.
 *
 * - Not late and (where the table says a gap counts) no gap: from 1 January of the coverage year.
 * - Otherwise, unless exempt: from the later of 1 January and the acceptance date, plus the waiting period —
 *   fixed months, plus the variable months for the years of gap beyond those the fixed period covers, minus
 *   the months removed by years paid back (never more than the variable part), within the table's maximum.
 *   "N months after" is the same day N months later (clamped to the month's end), the first day covered.
 * - Exempt: a newborn enrolled within the table's days of birth is covered from birth; someone whose employee
 *   insurance ended within the table's months is covered from the day after it ended; an exempt hardship
 *   group is covered from the acceptance date (never before 1 January of the coverage year).
 */

export type WaitingExemption = 'newborn' | 'employee_transfer' | 'hardship';

export interface WaitingInput {
  yearStart: LocalDate;
  acceptanceDate: LocalDate;
  late: boolean;
  gapYears: number;
  backPaidYears: number;
  newbornBirthDate: LocalDate | null;
  employeeInsuranceEndDate: LocalDate | null;
  hardshipGroup: HardshipGroup | null;
}

export interface WaitingResult {
  triggered: boolean;
  exemption: WaitingExemption | null;
  fixedMonths: number;
  variableMonths: number;
  removedMonths: number;
  totalMonths: number;
  benefitsFrom: LocalDate;
}

function later(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

export function waitingPeriod(body: WaitingPeriodBody, input: WaitingInput): { result: WaitingResult; steps: Step[] } {
  const gap = body.triggers === 'late_or_gap' && input.gapYears > 0;
  const none = { fixedMonths: 0, variableMonths: 0, removedMonths: 0, totalMonths: 0 };
  if (!input.late && !gap) {
    return {
      result: { triggered: false, exemption: null, ...none, benefitsFrom: input.yearStart },
      steps: [step(text('在集中缴费期内参保且连续参保，不设待遇等待期', 'Enrolled within the collection period and without a gap: no waiting period'))],
    };
  }
  const why = input.late && gap ? text('未在集中缴费期内参保且有断保', 'late and after a gap') : input.late ? text('未在集中缴费期内参保', 'enrolled after the collection period') : text('有断保', 'after a gap');

  const ex = body.exemptions;
  const exempt = (exemption: WaitingExemption, from: LocalDate, label: { 'zh-CN': string; en: string }) => ({
    result: { triggered: true, exemption, ...none, benefitsFrom: from },
    steps: [step(text(`${why['zh-CN']}，但${label['zh-CN']}，不设待遇等待期`, `${why.en}, but ${label.en}: no waiting period`))],
  });
  if (input.newbornBirthDate !== null && ex.newbornWithinDays !== null && input.acceptanceDate <= addDays(input.newbornBirthDate, ex.newbornWithinDays)) {
    return exempt('newborn', later(input.yearStart, input.newbornBirthDate), text(`新生儿出生${ex.newbornWithinDays}天内参保，自出生之日起享受待遇`, `a newborn enrolled within ${ex.newbornWithinDays} days of birth is covered from birth`));
  }
  if (input.employeeInsuranceEndDate !== null && ex.employeeTransferWithinMonths !== null && input.acceptanceDate <= addMonths(input.employeeInsuranceEndDate, ex.employeeTransferWithinMonths)) {
    return exempt(
      'employee_transfer',
      later(input.yearStart, addDays(input.employeeInsuranceEndDate, 1)),
      text(`职工医保终止后${ex.employeeTransferWithinMonths}个月内转入居民医保，待遇接续`, `moving from employee insurance within ${ex.employeeTransferWithinMonths} months keeps cover continuous`),
    );
  }
  if (input.hardshipGroup !== null && ex.hardshipGroups.includes(input.hardshipGroup)) {
    const g = HARDSHIP_GROUP_NAMES[input.hardshipGroup];
    return exempt('hardship', later(input.yearStart, input.acceptanceDate), text(`属于${g['zh-CN']}`, `a ${g.en}`));
  }

  const fixedMonths = body.fixedMonths;
  const v = body.variable;
  const variableMonths = v === null ? 0 : Math.max(0, input.gapYears - v.gapYearsWithoutVariable) * v.monthsPerGapYear;
  const removedMonths = v === null ? 0 : Math.min(variableMonths, input.backPaidYears * v.monthsRemovedPerBackPaidYear);
  let totalMonths = fixedMonths + variableMonths - removedMonths;
  const capped = body.maxTotalMonths !== null && totalMonths > body.maxTotalMonths;
  if (capped) totalMonths = body.maxTotalMonths!;
  const from = later(input.yearStart, input.acceptanceDate);
  const benefitsFrom = addMonths(from, totalMonths);

  const steps: Step[] = [step(text(`${why['zh-CN']}：固定待遇等待期${fixedMonths}个月`, `${why.en}: fixed waiting period of ${countEn(fixedMonths, 'month')}`))];
  if (v !== null && input.gapYears > 0) {
    steps.push(
      step(
        text(
          `断保${input.gapYears}年：变动待遇等待期${variableMonths}个月（断保第${v.gapYearsWithoutVariable + 1}年起每年${v.monthsPerGapYear}个月）`,
          `gap of ${countEn(input.gapYears, 'year')}: variable waiting period of ${countEn(variableMonths, 'month')} (${countEn(v.monthsPerGapYear, 'month')} per year of gap from year ${v.gapYearsWithoutVariable + 1})`,
        ),
      ),
    );
    if (input.backPaidYears > 0) {
      steps.push(
        step(
          text(`补缴${input.backPaidYears}年：减少变动待遇等待期${removedMonths}个月`, `${countEn(input.backPaidYears, 'year')} paid back: ${countEn(removedMonths, 'month')} of the variable period removed`),
        ),
      );
    }
  }
  steps.push(
    step(
      text(
        `待遇等待期合计${totalMonths}个月${capped ? '（已达上限）' : ''}，自 ${from} 起算`,
        `waiting period of ${countEn(totalMonths, 'month')} in total${capped ? ' (the maximum)' : ''}, counted from ${from}`,
      ),
    ),
  );
  return { result: { triggered: true, exemption: null, fixedMonths, variableMonths, removedMonths, totalMonths, benefitsFrom }, steps };
}
