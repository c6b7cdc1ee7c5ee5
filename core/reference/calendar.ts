import type { CoreContext } from '../context';
import { OFFICIAL_CALENDAR_YEARS, WorkingCalendar, calendarRows, yearsFromRows, type CalendarYear } from '../../shared/calendar';
import { nowInstant } from '../../shared/time';

/** Store a year of official calendar data (shipped defaults or published by central). */
export function storeCalendarYears(ctx: Pick<CoreContext, 'repos' | 'tx'>, years: readonly CalendarYear[]): void {
  ctx.tx(() => {
    for (const y of years) ctx.repos.calendar.replaceYear(y.year, y.source, calendarRows([y]));
  });
}

/** The working calendar from the store, seeding the shipped 2025/2026 data on first use. */
export function loadCalendar(ctx: Pick<CoreContext, 'repos' | 'tx' | 'clock'>): WorkingCalendar {
  if (ctx.repos.calendar.years().length === 0) {
    storeCalendarYears(ctx, OFFICIAL_CALENDAR_YEARS);
    ctx.tx(() =>
      ctx.repos.audit.append({
        at: nowInstant(ctx.clock),
        actorId: null,
        actorName: 'system',
        action: 'calendar.seed',
        entity: 'calendar',
        entityId: null,
        detail: { years: OFFICIAL_CALENDAR_YEARS.map((y) => y.year) },
      }),
    );
  }
  const rows = ctx.repos.calendar.days();
  const years = ctx.repos.calendar.years();
  const built: CalendarYear[] = [];
  for (const { year, source } of years) {
    const prefix = `${year}-`;
    const own = rows.filter((r) => r.date.startsWith(prefix));
    const parsed = yearsFromRows(own, source);
    built.push(parsed[0] ?? { year, offDays: [], workdays: [], source });
  }
  return new WorkingCalendar(built);
}
