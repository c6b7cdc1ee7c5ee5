import { z } from 'zod';
import { CareModeSchema, SchemeSchema } from '../vocab';
import { BasisPointsSchema, CountSchema, FenFigureSchema } from './common';

/** Bodies of the maternity and long-term-care tables (`maternity`, `ltc_assessment`, `ltc_benefit`). */

const DeliveryStandardSchema = z.strictObject({ vaginal: FenFigureSchema, caesarean: FenFigureSchema });

/**
 * Maternity (生育) benefits, selected on the date of the event (last prenatal check, delivery): fixed standards
 * paid as min(actual, standard), the months of continuous contribution each benefit needs (null = none), and
 * the maternity allowance (生育津贴) days.
 */
export const MaternityBodySchema = z.strictObject({
  prenatalFen: z.strictObject({ employee: FenFigureSchema.nullable(), resident: FenFigureSchema.nullable() }),
  deliveryFen: z.strictObject({ employee: DeliveryStandardSchema.nullable(), resident: DeliveryStandardSchema.nullable() }),
  medicalMinContributionMonths: z.strictObject({ employee: CountSchema.max(120).nullable(), resident: CountSchema.max(120).nullable() }),
  allowance: z.strictObject({
    schemes: z.array(SchemeSchema),
    minContributionMonths: CountSchema.max(120),
    baseDays: CountSchema.max(365),
    difficultBirthDays: CountSchema.max(365),
    perExtraBabyDays: CountSchema.max(365),
  }),
});
export type MaternityBody = z.infer<typeof MaternityBodySchema>;

export const LTC_DIMENSIONS = ['adl', 'cognition', 'perception'] as const;
export type LtcDimension = (typeof LTC_DIMENSIONS)[number];
/** Highest score of each dimension (national standard 2021). */
export const LTC_DIMENSION_MAX: Record<LtcDimension, number> = { adl: 100, cognition: 16, perception: 12 };

/** The lowest score that still counts as intact / mild / moderate impairment; below `moderate` is severe. */
const GradeThresholdsSchema = z.strictObject({ intact: CountSchema, mild: CountSchema, moderate: CountSchema });

const LevelSchema = z.number().int().min(0).max(5);

/**
 * Disability assessment (失能等级评估): grade thresholds per dimension and the combination matrix — rows the
 * ADL grade (intact, mild, moderate, severe), columns the worse grade of cognition and perception — giving
 * level 0–5, plus when the next assessment is due.
 */
export const LtcAssessmentBodySchema = z
  .strictObject({
    thresholds: z.strictObject({ adl: GradeThresholdsSchema, cognition: GradeThresholdsSchema, perception: GradeThresholdsSchema }),
    matrix: z.array(z.array(LevelSchema).length(4)).length(4),
    reassessment: z.strictObject({
      validityMonths: CountSchema.min(1).max(120),
      /** Sooner when one step of improvement in a single dimension's score (see `nearThreshold`) would lower the level. */
      nearThresholdMonths: CountSchema.min(1).max(120),
      /** The score step tried in each dimension; null = that dimension is not looked at. */
      nearThreshold: z.strictObject({ adl: CountSchema.nullable(), cognition: CountSchema.nullable(), perception: CountSchema.nullable() }),
    }),
  })
  .superRefine((b, ctx) => {
    for (const dim of LTC_DIMENSIONS) {
      const t = b.thresholds[dim];
      if (!(t.intact <= LTC_DIMENSION_MAX[dim] && t.intact > t.mild && t.mild > t.moderate && t.moderate > 0)) {
        ctx.addIssue({ code: 'custom', message: `thresholds of ${dim} must satisfy max ≥ intact > mild > moderate > 0`, path: ['thresholds', dim] });
      }
    }
    // A worse grade in any dimension may never give a lower level.
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        const v = b.matrix[r]?.[c] ?? 0;
        if (c > 0 && v < (b.matrix[r]?.[c - 1] ?? 0)) ctx.addIssue({ code: 'custom', message: 'matrix levels must not decrease along a row', path: ['matrix', r, c] });
        if (r > 0 && v < (b.matrix[r - 1]?.[c] ?? 0)) ctx.addIssue({ code: 'custom', message: 'matrix levels must not decrease down a column', path: ['matrix', r, c] });
      }
    }
  });
export type LtcAssessmentBody = z.infer<typeof LtcAssessmentBodySchema>;

/** What long-term care insurance pays for a level and care mode: the fund's share and a daily cap. */
export const LtcBenefitStandardSchema = z.strictObject({
  level: z.number().int().min(1).max(5),
  mode: CareModeSchema,
  fundRatioBp: BasisPointsSchema,
  dailyCapFen: FenFigureSchema,
});
export type LtcBenefitStandard = z.infer<typeof LtcBenefitStandardSchema>;

export const LtcBenefitBodySchema = z.strictObject({ standards: z.array(LtcBenefitStandardSchema) }).superRefine((b, ctx) => {
  const seen = new Set<string>();
  b.standards.forEach((s, i) => {
    const key = `${s.level}/${s.mode}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `duplicate standard for level ${s.level}, mode ${s.mode}`, path: ['standards', i] });
    seen.add(key);
  });
});
export type LtcBenefitBody = z.infer<typeof LtcBenefitBodySchema>;
