import { z } from 'zod';
import { isRealDate } from '../../time';

/** Building blocks of the policy-table bodies: money, ratios, per-level maps and banded ratios. */

/** A figure in fen (integer, not negative). */
export const FenFigureSchema = z.number().int().min(0);

/** A ratio in basis points: 8500 = 85%. Ratios are never floats. */
export const BasisPointsSchema = z.number().int().min(0).max(10_000);

/** A whole number of months or days in a rule. */
export const CountSchema = z.number().int().min(0);

/** One value per hospital level; unrated institutions get their own entry (usually as level 1). */
export function levelMapSchema<T extends z.ZodType>(value: T) {
  return z.strictObject({ level1: value, level2: value, level3: value, unrated: value });
}

/**
 * Banded ratios over an amount: each band pays `ratioBp` of the part of the amount up to `uptoFen`
 * (above the previous band's limit); the last band is open (`uptoFen: null`).
 * E.g. assistance: up to 20,000 yuan 70%, above 80% → `[{uptoFen: 2000000, ratioBp: 7000}, {uptoFen: null, ratioBp: 8000}]`.
 */
export const BandSchema = z.strictObject({ uptoFen: FenFigureSchema.positive().nullable(), ratioBp: BasisPointsSchema });
export type Band = z.infer<typeof BandSchema>;

export const BandsSchema = z
  .array(BandSchema)
  .min(1)
  .superRefine((bands, ctx) => {
    bands.forEach((b, i) => {
      const last = i === bands.length - 1;
      if (last && b.uptoFen !== null) ctx.addIssue({ code: 'custom', message: 'the last band must be open (uptoFen: null)', path: [i, 'uptoFen'] });
      if (!last && b.uptoFen === null) ctx.addIssue({ code: 'custom', message: 'only the last band may be open', path: [i, 'uptoFen'] });
      const prev = i > 0 ? bands[i - 1]!.uptoFen : 0;
      if (b.uptoFen !== null && prev !== null && b.uptoFen <= prev) ctx.addIssue({ code: 'custom', message: 'band limits must increase', path: [i, 'uptoFen'] });
    });
  });

/** A day of the year relative to a coverage year Y: `yearOffset` −1 = the year before Y, 0 = Y itself. */
export const YearDaySchema = z
  .strictObject({
    yearOffset: z.number().int().min(-1).max(0),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  })
  .refine((d) => isRealDate(2000, d.month, d.day), { message: 'not a day of the year', path: ['day'] });
export type YearDay = z.infer<typeof YearDaySchema>;
