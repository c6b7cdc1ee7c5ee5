import { z } from 'zod';
import { ASSISTANCE_CATEGORIES, AssistanceCategorySchema, CareKindSchema, HospitalLevelSchema, SchemeSchema } from '../vocab';
import { currentCodeKeys } from '../../legacy-codes';
import { BandsSchema, BasisPointsSchema, CountSchema, FenFigureSchema, levelMapSchema } from './common';

/**
 * Bodies of the claim tables: basic insurance (`inpatient`, `outpatient`), out-of-area care (`out_of_area`),
 * critical-illness insurance (`critical_illness`, 大病保险) and medical assistance (`medical_assistance`).
 * All are selected on the date of care (admission or visit).
 */

/**
 * What basic insurance pays for one kind of care under one scheme: the deductible (起付线) and ratio by
 * hospital level, and the annual cap on what the fund pays (最高支付限额), optionally by resident tier.
 */
export const ScheduleSchema = z.strictObject({
  /** Whether the deductible is met once per admission, per visit, or once a year (then what was borne counts). */
  deductibleBasis: z.enum(['per_admission', 'per_visit', 'per_year']),
  deductibleFen: levelMapSchema(FenFigureSchema),
  ratioBp: levelMapSchema(BasisPointsSchema),
  annualCapFen: FenFigureSchema,
  /** Caps that differ by resident tier (一档 / 二档 / minors); tiers not listed use `annualCapFen`. */
  annualCapByTierFen: z.strictObject({ tier1: FenFigureSchema, tier2: FenFigureSchema, minor: FenFigureSchema }).partial().optional(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

export const InpatientBodySchema = z.strictObject({ employee: ScheduleSchema, resident: ScheduleSchema });
export type InpatientBody = z.infer<typeof InpatientBodySchema>;

/** Per outpatient category and scheme; `null` = the scheme has no such benefit. */
const OutpatientCategorySchema = z.strictObject({ employee: ScheduleSchema.nullable(), resident: ScheduleSchema.nullable() });
export const OutpatientBodySchema = z.strictObject({
  general: OutpatientCategorySchema,
  two_diseases: OutpatientCategorySchema,
  chronic_special: OutpatientCategorySchema,
});
export type OutpatientBody = z.infer<typeof OutpatientBodySchema>;

/**
 * One out-of-area rule: the share of the policy-range amount the person bears first (个人首先负担), the
 * hospital level whose rules then apply (`null` = the treating hospital's own level), whether that first
 * share still counts as in-range self-paid for critical illness and assistance, and whether assistance
 * applies at all.
 */
export const OutOfAreaRuleSchema = z.strictObject({
  personFirstBp: BasisPointsSchema,
  asLevel: HospitalLevelSchema.nullable(),
  firstBorneCounted: z.boolean(),
  assistanceEligible: z.boolean(),
});
export type OutOfAreaRule = z.infer<typeof OutOfAreaRuleSchema>;

export const OutOfAreaBodySchema = z.strictObject({
  rules: z.strictObject({
    offsite_residence: OutOfAreaRuleSchema,
    offsite_referral: OutOfAreaRuleSchema,
    offsite_emergency: OutOfAreaRuleSchema,
    offsite_unfiled: OutOfAreaRuleSchema,
  }),
  /** An emergency must be filed within this many working days of admission (read out as a reminder). */
  emergencyFilingWorkingDays: CountSchema.max(30),
});
export type OutOfAreaBody = z.infer<typeof OutOfAreaBodySchema>;

/**
 * Critical-illness insurance (大病保险) on the in-range amount the person still bears after basic insurance,
 * counted over the year: above the yearly deductible, banded ratios, a yearly cap; favoured groups get a
 * lower deductible, a higher ratio and possibly no cap.
 */
export const CriticalIllnessBodySchema = z.strictObject({
  schemes: z.array(SchemeSchema).min(1),
  careKinds: z.array(CareKindSchema).min(1),
  deductibleFen: FenFigureSchema,
  /** Bands over the amount above the deductible, counted over the year. */
  bands: BandsSchema,
  annualCapFen: FenFigureSchema,
  favoured: z.strictObject({
    groups: z.array(AssistanceCategorySchema),
    /** The favoured deductible as a share of the normal one (5000 = halved). */
    deductibleShareBp: BasisPointsSchema,
    /** Percentage points added to every band's ratio, in basis points (500 = +5 points). */
    ratioBonusBp: BasisPointsSchema,
    noCap: z.boolean(),
  }),
});
export type CriticalIllnessBody = z.infer<typeof CriticalIllnessBodySchema>;

/**
 * Medical assistance (医疗救助) on the in-range amount the person still bears after basic and critical-illness
 * insurance: banded ratios by category, per claim or counted over the year, and a yearly cap per person.
 */
export const MedicalAssistanceBodySchema = z.strictObject({
  careKinds: z.array(CareKindSchema).min(1),
  bandBasis: z.enum(['per_claim', 'cumulative']),
  deductibleFen: FenFigureSchema,
  // Keyed by category; a table published by an older central may still say `lifted` for 脱贫人口.
  bands: z.preprocess(
    (v) => currentCodeKeys(v, ASSISTANCE_CATEGORIES),
    z.strictObject(
      Object.fromEntries(ASSISTANCE_CATEGORIES.map((c) => [c, BandsSchema])) as Record<(typeof ASSISTANCE_CATEGORIES)[number], typeof BandsSchema>,
    ),
  ),
  annualCapFen: FenFigureSchema,
});
export type MedicalAssistanceBody = z.infer<typeof MedicalAssistanceBodySchema>;
