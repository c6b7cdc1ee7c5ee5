import { z } from 'zod';
import { channel } from '../channel';
import { InstantSchema, LocalDateSchema } from '../../cases/model';
import { FamilySchema } from '../../catalog/types';
import { LocalizedTextSchema } from '../../text';

/**
 * stats.*: the station's day in figures (the supervisor's screen, 日报, 月报). Definitions: shared/front/stats.ts.
 * Counts and durations only: no personal data.
 */

export const PeriodKindSchema = z.enum(['day', 'week', 'month']);

const Sec = z.number().min(0).nullable();
const Rate = z.number().min(0).max(1).nullable();
const Count = z.number().int().min(0);

export const WindowFiguresSchema = z.strictObject({
  windowNo: z.number().int(),
  windowName: z.string(),
  calls: Count,
  served: Count,
  waitMedianSec: Sec,
  waitP90Sec: Sec,
  serviceMedianSec: Sec,
  serviceP90Sec: Sec,
});

export const FiguresSchema = z.strictObject({
  period: z.strictObject({ kind: PeriodKindSchema, from: LocalDateSchema, to: LocalDateSchema }),
  generatedAt: InstantSchema,
  tickets: z.strictObject({ issued: Count, served: Count, skipped: Count, priority: Count, appointments: Count, waitingNow: Count }),
  waiting: z.strictObject({ count: Count, medianSec: Sec, p90Sec: Sec }),
  service: z.strictObject({ count: Count, medianSec: Sec, p90Sec: Sec }),
  windows: z.array(WindowFiguresSchema),
  cases: z.strictObject({
    takenIn: Count,
    byFamily: z.array(z.strictObject({ family: FamilySchema, count: Count })),
    byItem: z.array(z.strictObject({ itemCode: z.string(), itemName: LocalizedTextSchema, family: FamilySchema, count: Count })),
  }),
  completion: z.strictObject({ completed: Count, onTime: Count, rate: Rate }),
  overdue: Count,
  rongqueDue: Count,
  ratings: z.strictObject({
    total: Count,
    good: Count,
    bad: Count,
    /** Level 5 … 1 → count. */
    byLevel: z.strictObject({ 5: Count, 4: Count, 3: Count, 2: Count, 1: Count }),
    satisfactionRate: Rate,
    setAside: Count,
  }),
  followUps: z.strictObject({ open: Count, overdue: Count }),
  /** One row per day of the period (week, month), or per hour of the day (day): for the charts. */
  series: z.array(z.strictObject({ label: z.string(), issued: Count, served: Count, takenIn: Count, ratings: Count, good: Count })),
  /** Years the working-day counts used the Monday–Friday fallback for. */
  estimatedYears: z.array(z.number().int()),
});
export type Figures = z.infer<typeof FiguresSchema>;

export const statsFigures = channel({
  summary: "The station's figures for a day, the week or the month containing it",
  write: false,
  input: z.strictObject({ period: PeriodKindSchema, day: LocalDateSchema.optional() }),
  output: FiguresSchema,
});

export const statsExport = channel({
  summary: 'The daily (日报) or monthly (月报) report as an .xlsx workbook; audited',
  write: false,
  input: z.strictObject({ report: z.enum(['daily', 'monthly']), day: LocalDateSchema.optional() }),
  output: z.strictObject({ fileName: z.string(), mime: z.string(), base64: z.string() }),
});
