import type { CalendarYear } from './schema';

/**
 * The official calendars published by the General Office of the State Council.
 * `offDays` lists every day of each holiday range (weekend days inside a range included);
 * `workdays` lists the make-up working days (调休上班), all of which fall on a weekend.
 */
export const OFFICIAL_CALENDAR_YEARS: readonly CalendarYear[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知',
    offDays: [
      // New Year's Day: 1 Jan
      '2025-01-01',
      // Spring Festival: 28 Jan – 4 Feb
      '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31',
      '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04',
      // Qingming: 4–6 Apr
      '2025-04-04', '2025-04-05', '2025-04-06',
      // Labour Day: 1–5 May
      '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
      // Dragon Boat Festival: 31 May – 2 Jun
      '2025-05-31', '2025-06-01', '2025-06-02',
      // National Day and Mid-Autumn Festival: 1–8 Oct
      '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04',
      '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
    ],
    workdays: [
      '2025-01-26', // Sun, Spring Festival
      '2025-02-08', // Sat, Spring Festival
      '2025-04-27', // Sun, Labour Day
      '2025-09-28', // Sun, National Day
      '2025-10-11', // Sat, National Day
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    offDays: [
      // New Year's Day: 1–3 Jan
      '2026-01-01', '2026-01-02', '2026-01-03',
      // Spring Festival: 15–23 Feb
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19',
      '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
      // Qingming: 4–6 Apr
      '2026-04-04', '2026-04-05', '2026-04-06',
      // Labour Day: 1–5 May
      '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
      // Dragon Boat Festival: 19–21 Jun
      '2026-06-19', '2026-06-20', '2026-06-21',
      // Mid-Autumn Festival: 25–27 Sep
      '2026-09-25', '2026-09-26', '2026-09-27',
      // National Day: 1–7 Oct
      '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04',
      '2026-10-05', '2026-10-06', '2026-10-07',
    ],
    workdays: [
      '2026-01-04', // Sun, New Year's Day
      '2026-02-14', // Sat, Spring Festival
      '2026-02-28', // Sat, Spring Festival
      '2026-05-09', // Sat, Labour Day
      '2026-09-20', // Sun, National Day
      '2026-10-10', // Sat, National Day
    ],
  },
];
