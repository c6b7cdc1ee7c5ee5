/**
 * Policy rules (待遇政策) as pure functions over effective-dated policy tables.
 *
 * - Tables: `PolicyTableSchema` (one table, a per-kind body), `PolicyTableSetSchema` (no overlaps),
 *   `selectTable` (the table in force on the date that matters), `DEFAULT_POLICY_TABLES` (SAMPLE region 999999).
 * - Calculators, each `(input, tables) → { ok: true, result, steps } | { ok: false, field, message }`:
 *   `estimateContribution`, `estimateClaim` (basic → critical illness → assistance, 一单制), `estimateAssistance`,
 *   `estimateMaternity`, `assessLtc`. Each input and result has an exported zod schema.
 * - Money: integer fen; each layer rounds once, half away from zero (`mulRatio`/`applyBasisPoints`); ratios
 *   are basis points.
 */

export {
  POLICY_TABLE_KINDS,
  PolicyTableSchema,
  PolicyTableSetSchema,
  ProvenanceSchema,
  type PolicyBodyOf,
  type PolicyTable,
  type PolicyTableKind,
  type PolicyTableOf,
  type Provenance,
} from './tables/schema';
export { POLICY_TABLE_KIND_NAMES, TableRefSchema, selectTable, type TableRef, type TableSelection } from './tables/select';
export { findOverlaps, inForce, type Overlap } from './tables/overlap';
export { DEFAULT_POLICY_TABLES, SAMPLE_REGION_CODE, SAMPLE_REGION_NAME } from './tables/defaults';

export { StepSchema, calcOutcomeSchema, type CalcFailure, type CalcOutcome, type Step } from './steps';

export {
  ContributionEstimateSchema,
  ContributionInputSchema,
  estimateContribution,
  type ContributionEstimate,
  type ContributionInput,
} from './contribution';
export { ClaimEstimateSchema, ClaimInputSchema, estimateClaim, type ClaimEstimate, type ClaimInput } from './reimbursement';
export { AssistanceEstimateSchema, AssistanceInputSchema, estimateAssistance, type AssistanceEstimate, type AssistanceInput } from './assistance';
export { MaternityEstimateSchema, MaternityInputSchema, estimateMaternity, type MaternityEstimate, type MaternityInput } from './maternity';
export {
  LTC_LEVEL_NAMES,
  LtcAssessmentInputSchema,
  LtcAssessmentResultSchema,
  assessLtc,
  type LtcAssessmentInput,
  type LtcAssessmentResult,
} from './ltc-assessment';
export { LTC_ITEMS, LTC_DIMENSION_NAMES } from './ltc-items';
export { MAX_INPUT_FEN, MAX_INVOICES } from './input';
export * from './vocab';
