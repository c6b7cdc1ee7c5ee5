import { z } from 'zod';
import { currentCodePath } from '../../legacy-codes';
import { isLocalDate } from '../../time';
import { LocalizedTextSchema } from '../../text';
import { LtcAssessmentBodySchema, LtcBenefitBodySchema, MaternityBodySchema } from './benefits-schema';
import {
  CriticalIllnessBodySchema,
  InpatientBodySchema,
  MedicalAssistanceBodySchema,
  OutOfAreaBodySchema,
  OutpatientBodySchema,
} from './claims-schema';
import { ContributionBodySchema, WaitingPeriodBodySchema } from './enrollment-schema';
import { findOverlaps } from './overlap';

/**
 * A policy table: one kind of local rule for one region (医保区划), in force from `effectiveFrom` (inclusive)
 * to `effectiveTo` (exclusive; null = until replaced), with a per-kind body. Plain JSON, so the central system
 * can publish a region's own tables through sync; these schemas validate them at that boundary.
 */

export const POLICY_TABLE_KINDS = [
  'contribution',
  'waiting_period',
  'inpatient',
  'outpatient',
  'out_of_area',
  'critical_illness',
  'medical_assistance',
  'maternity',
  'ltc_assessment',
  'ltc_benefit',
] as const;
export type PolicyTableKind = (typeof POLICY_TABLE_KINDS)[number];

const LocalDateSchema = z.string().refine(isLocalDate, 'date must be a real date as YYYY-MM-DD');

/**
 * Where a figure of the body comes from: `path` is a dotted path into the body (a prefix covers everything
 * below it). `assumed: true` marks a value the source documents do not give, chosen as a sensible default.
 */
export const ProvenanceSchema = z.strictObject({
  // A table published by an older central may point at `bands.lifted` (today `bands.tuopin`).
  path: z.preprocess(currentCodePath, z.string().min(1)),
  assumed: z.boolean(),
  note: z.string().min(1),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

const common = {
  regionCode: z.string().regex(/^\d{6}$/, 'regionCode must be 6 digits'),
  regionName: LocalizedTextSchema,
  effectiveFrom: LocalDateSchema,
  effectiveTo: LocalDateSchema.nullable(),
  version: z.string().min(1).max(40),
  /** The documents the figures come from. */
  source: z.string().min(1),
  /** Sample data for demonstration and tests, not any real region's policy. */
  sample: z.boolean(),
  provenance: z.array(ProvenanceSchema),
};

const BODIES = {
  contribution: ContributionBodySchema,
  waiting_period: WaitingPeriodBodySchema,
  inpatient: InpatientBodySchema,
  outpatient: OutpatientBodySchema,
  out_of_area: OutOfAreaBodySchema,
  critical_illness: CriticalIllnessBodySchema,
  medical_assistance: MedicalAssistanceBodySchema,
  maternity: MaternityBodySchema,
  ltc_assessment: LtcAssessmentBodySchema,
  ltc_benefit: LtcBenefitBodySchema,
} as const satisfies Record<PolicyTableKind, z.ZodType>;

function variant<K extends PolicyTableKind>(kind: K) {
  return z.strictObject({ ...common, kind: z.literal(kind), body: BODIES[kind] as (typeof BODIES)[K] });
}

/** True when `path` (dotted) names something inside `body`. */
export function bodyHasPath(body: unknown, path: string): boolean {
  let v: unknown = body;
  for (const seg of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, seg)) return false;
    v = (v as Record<string, unknown>)[seg];
  }
  return true;
}

export const PolicyTableSchema = z
  .discriminatedUnion('kind', [
    variant('contribution'),
    variant('waiting_period'),
    variant('inpatient'),
    variant('outpatient'),
    variant('out_of_area'),
    variant('critical_illness'),
    variant('medical_assistance'),
    variant('maternity'),
    variant('ltc_assessment'),
    variant('ltc_benefit'),
  ])
  .superRefine((t, ctx) => {
    if (t.effectiveTo !== null && t.effectiveTo <= t.effectiveFrom) {
      ctx.addIssue({ code: 'custom', message: 'effectiveTo must be after effectiveFrom', path: ['effectiveTo'] });
    }
    t.provenance.forEach((p, i) => {
      if (!bodyHasPath(t.body, p.path)) ctx.addIssue({ code: 'custom', message: `provenance path ${p.path} is not in the body`, path: ['provenance', i, 'path'] });
    });
  });

export type PolicyTable = z.infer<typeof PolicyTableSchema>;
export type PolicyTableOf<K extends PolicyTableKind> = Extract<PolicyTable, { kind: K }>;
export type PolicyBodyOf<K extends PolicyTableKind> = PolicyTableOf<K>['body'];

/** A set of tables as stored or synced: each valid, and no two of one kind and region overlapping in time. */
export const PolicyTableSetSchema = z.array(PolicyTableSchema).superRefine((tables, ctx) => {
  for (const o of findOverlaps(tables)) ctx.addIssue({ code: 'custom', message: o.message, path: [o.second] });
});
