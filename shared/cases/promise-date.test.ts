import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../calendar';
import { promiseDateProblem } from './promise-date';

// Mon 2026-09-28; 1–7 Oct 2026 are the National Day holiday, Sat 10 Oct a make-up working day.
const ctx = { today: '2026-09-28', latest: '2026-10-12', isWorkingDay: (d: string) => defaultCalendar.isWorkingDay(d) };

describe('promiseDateProblem: a working day from tomorrow to the latest date', () => {
  it.each(['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-10', '2026-10-12'])('accepts %s', (d) => {
    expect(promiseDateProblem(d, ctx)).toBeNull();
  });

  it.each([
    ['', '请填写承诺补齐日期'],
    ['2026-9-30', '日期格式应为 YYYY-MM-DD'],
    ['2026-02-30', '日期格式应为 YYYY-MM-DD'],
    ['2026-09-28', '应在今天之后（最早 2026-09-29）'],
    ['2026-09-01', '应在今天之后'],
    ['2026-10-13', '不能晚于 2026-10-12'],
    ['2026-10-01', '不是工作日'],
    ['2026-10-11', '不是工作日'],
  ])('refuses %j: %s', (d, message) => {
    expect(promiseDateProblem(d, ctx)).toContain(message);
  });

  it('without a calendar (the window before it asks the core) checks the range only', () => {
    expect(promiseDateProblem('2026-10-01', { today: ctx.today, latest: ctx.latest })).toBeNull();
  });
});
