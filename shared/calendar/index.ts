import { OFFICIAL_CALENDAR_YEARS } from './official';
import { WorkingCalendar } from './working';

export {
  CalendarYearSchema,
  calendarRows,
  yearsFromRows,
  MIN_CALENDAR_YEAR,
  MAX_CALENDAR_YEAR,
} from './schema';
export type { CalendarYear, CalendarRow, CalendarRowKind } from './schema';
export { OFFICIAL_CALENDAR_YEARS } from './official';
export { WorkingCalendar } from './working';

/** The calendar built from the official data shipped with the application. */
export const defaultCalendar: WorkingCalendar = new WorkingCalendar(OFFICIAL_CALENDAR_YEARS);
