import { z } from 'zod';
import { channel } from '../channel';
import { UuidSchema, LocalDateSchema, InstantSchema } from '../../cases/model';
import { LocalizedTextSchema } from '../../text';
import {
  POLICY_TABLE_KINDS,
  StepSchema,
  TableRefSchema,
  calcOutcomeSchema,
  ContributionEstimateSchema,
  ClaimEstimateSchema,
  AssistanceEstimateSchema,
  MaternityEstimateSchema,
  LtcAssessmentResultSchema,
} from '../../policy';

/** What a clerk can estimate before submitting (the LTC assessment has its own channel). */
export const ESTIMATE_KINDS = ['contribution', 'claim', 'assistance', 'maternity'] as const;
export const EstimateKindSchema = z.enum(ESTIMATE_KINDS);
export type EstimateKind = z.infer<typeof EstimateKindSchema>;

/**
 * The calculator's input without `regionCode`: the core fills in the region whose tables are in force
 * at this station (or the sample region, flagged, when none has been synced yet).
 */
export const CalcInputSchema = z.record(z.string(), z.unknown());

export const EstimateOutcomeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('contribution'), outcome: calcOutcomeSchema(ContributionEstimateSchema) }),
  z.strictObject({ kind: z.literal('claim'), outcome: calcOutcomeSchema(ClaimEstimateSchema) }),
  z.strictObject({ kind: z.literal('assistance'), outcome: calcOutcomeSchema(AssistanceEstimateSchema) }),
  z.strictObject({ kind: z.literal('maternity'), outcome: calcOutcomeSchema(MaternityEstimateSchema) }),
]);

const RegionUsedSchema = z.strictObject({
  regionCode: z.string(),
  regionName: LocalizedTextSchema,
  /** Figures of the sample region: an estimate for demonstration only, said so on screen and on paper. */
  sample: z.boolean(),
});

export const policyEstimate = channel({
  summary: 'A live estimate (待遇测算) with read-out steps; nothing is saved',
  write: false,
  input: z.strictObject({
    kind: EstimateKindSchema,
    input: CalcInputSchema,
    /** The person the estimate is for: the core fills in their resident tier and assistance category when the input has none. */
    personId: UuidSchema.optional(),
  }),
  output: z.strictObject({ region: RegionUsedSchema, estimate: EstimateOutcomeSchema }),
});

const estimateRecordBase = {
  id: UuidSchema,
  caseId: UuidSchema,
  /** What the clerk entered (the calculator's input without the region). */
  input: z.record(z.string(), z.unknown()),
  steps: z.array(StepSchema),
  tables: z.array(TableRefSchema),
  sample: z.boolean(),
  /** The region whose tables were used (printed on the 待遇测算单). */
  regionName: LocalizedTextSchema.nullable(),
  computedAt: InstantSchema,
  actorName: z.string(),
};
const NoMeta = z.strictObject({});

/** An estimate or assessment kept with a case: its result typed by kind (the calculator's own result schema). */
export const EstimateRecordSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...estimateRecordBase, kind: z.literal('contribution'), result: ContributionEstimateSchema, meta: NoMeta }),
  z.strictObject({ ...estimateRecordBase, kind: z.literal('claim'), result: ClaimEstimateSchema, meta: NoMeta }),
  z.strictObject({ ...estimateRecordBase, kind: z.literal('assistance'), result: AssistanceEstimateSchema, meta: NoMeta }),
  z.strictObject({ ...estimateRecordBase, kind: z.literal('maternity'), result: MaternityEstimateSchema, meta: NoMeta }),
  z.strictObject({
    ...estimateRecordBase,
    kind: z.literal('ltc_assessment'),
    result: LtcAssessmentResultSchema,
    /** Who assessed, when, and the photos of the paper form attached to the case. */
    meta: z.strictObject({ assessors: z.array(z.string()), assessmentDate: LocalDateSchema, attachmentIds: z.array(UuidSchema) }),
  }),
]);
export type EstimateRecord = z.infer<typeof EstimateRecordSchema>;

export const PolicyTableSummarySchema = z.strictObject({
  id: z.string(),
  kind: z.enum(POLICY_TABLE_KINDS),
  regionCode: z.string(),
  regionName: LocalizedTextSchema,
  effectiveFrom: LocalDateSchema,
  effectiveTo: LocalDateSchema.nullable(),
  version: z.string(),
  source: z.string(),
  sample: z.boolean(),
  inForce: z.boolean(),
  origin: z.enum(['default', 'central']),
  body: z.record(z.string(), z.unknown()),
});

export const policyTables = channel({
  summary: 'Policy tables of this station (in force today marked), with their figures',
  write: false,
  input: z.strictObject({}),
  output: z.array(PolicyTableSummarySchema),
});
