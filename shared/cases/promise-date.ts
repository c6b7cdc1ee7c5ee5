import { addDays, compareLocalDates, isLocalDate, type LocalDate } from '../time';

/**
 * The 容缺 promise date (承诺补齐日期): a working day from tomorrow up to the latest date the item allows (today +
 * its `maxPromiseWorkingDays` working days). The same rule and words at the window and in the core.
 */
export interface PromiseDateContext {
  today: LocalDate;
  /** The latest date allowed. */
  latest: LocalDate;
  /** Whether a date is a working day (the station's calendar); absent in the UI when it does not know. */
  isWorkingDay?: (d: LocalDate) => boolean;
}

/** Why the date cannot be promised, in Chinese, or null when it can. */
export function promiseDateProblem(date: string, ctx: PromiseDateContext): string | null {
  if (date.trim() === '') return '请填写承诺补齐日期';
  if (!isLocalDate(date)) return '日期格式应为 YYYY-MM-DD';
  const tomorrow = addDays(ctx.today, 1);
  if (compareLocalDates(date, tomorrow) < 0) return `承诺补齐日期应在今天之后（最早 ${tomorrow}）`;
  if (compareLocalDates(date, ctx.latest) > 0) return `承诺补齐日期不能晚于 ${ctx.latest}`;
  if (ctx.isWorkingDay && !ctx.isWorkingDay(date)) return `${date} 不是工作日，请选择一个工作日`;
  return null;
}
