import type { CoreContext } from '../../context';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { ChannelOutput } from '../../../shared/api/contract';
import type { EstimateKind, EstimateRecord } from '../../../shared/api/channels/policy';
import type { LocalizedText } from '../../../shared/text';
import {
  SAMPLE_REGION_CODE,
  estimateContribution,
  estimateClaim,
  estimateAssistance,
  estimateMaternity,
  type AssistanceInput,
  type CalcFailure,
  type ClaimInput,
  type ContributionInput,
  type MaternityInput,
} from '../../../shared/policy';
import { assistanceCategoryOf, residentTierOf } from '../../../shared/persons';
import { fail } from '../../../shared/api/errors';
import { nowInstant } from '../../../shared/time';
import { requireStation } from '../../reference/station';

/**
 * Estimates (待遇测算) as the station computes and keeps them: the calculator of each kind over what the clerk typed,
 * filled with what the station knows of the person; the record kept with a case. Used by the estimate channels
 * (features/policy) and by 受理, which keeps the estimate on screen with the case in the same transaction.
 */

export type EstimateOutcome = ChannelOutput<'policy.estimate'>['estimate'];

/** The region whose tables apply here: the station's own when central has published any, else the sample region. */
export function policyRegion(ctx: CoreContext): { regionCode: string; regionName: LocalizedText; sample: boolean } {
  const station = requireStation(ctx);
  const own = ctx.policy.find((t) => t.regionCode === station.regionCode);
  if (own) return { regionCode: own.regionCode, regionName: own.regionName, sample: own.sample };
  const sample = ctx.policy.find((t) => t.regionCode === SAMPLE_REGION_CODE);
  if (!sample) fail('not_found', `区划 ${station.regionCode} 还没有政策表，请先与中心同步`);
  return { regionCode: sample.regionCode, regionName: sample.regionName, sample: true };
}

/** What the station knows of a person that the calculators ask for: resident tier and assistance category. */
function personDefaults(ctx: CoreContext, personId: string | undefined): { residentTier?: string; assistanceCategory?: string } {
  if (!personId) return {};
  const p = ctx.repos.persons.byId(personId);
  if (!p) fail('not_found', '参保人不存在', { field: 'personId' });
  const tier = residentTierOf(p);
  const category = assistanceCategoryOf(p);
  return { ...(tier ? { residentTier: tier } : {}), ...(category ? { assistanceCategory: category } : {}) };
}

/**
 * Run the calculator of `kind`. The input is what the clerk typed (the calculator validates it and refuses
 * naming the field), filled with what the station knows of the person where the clerk typed nothing.
 */
export function calculate(ctx: CoreContext, kind: EstimateKind, input: Record<string, unknown>, regionCode: string, personId?: string): EstimateOutcome {
  const known = personDefaults(ctx, personId);
  const fills = kind === 'claim' ? known : kind === 'assistance' && known.assistanceCategory ? { assistanceCategory: known.assistanceCategory } : {};
  const withRegion = { ...fills, ...input, regionCode };
  switch (kind) {
    case 'contribution':
      return { kind, outcome: estimateContribution(withRegion as ContributionInput, ctx.policy) };
    case 'claim':
      return { kind, outcome: estimateClaim(withRegion as ClaimInput, ctx.policy, ctx.calendar) };
    case 'assistance':
      return { kind, outcome: estimateAssistance(withRegion as AssistanceInput, ctx.policy) };
    case 'maternity':
      return { kind, outcome: estimateMaternity(withRegion as MaternityInput, ctx.policy) };
  }
}

/** A calculator's refusal as an API error; `prefix` is where the calculator's input sits in the channel's input. */
export function refuseCalc(outcome: CalcFailure, prefix = 'input'): never {
  const field = [prefix, outcome.field].filter((p) => p !== '').join('.');
  fail('invalid_input', outcome.message, field === '' ? {} : { field });
}

/** The typed result of an estimate or assessment, with what the record needs beside it. */
export type Computed = DistributiveOmit<EstimateRecord, 'id' | 'caseId' | 'sample' | 'regionName' | 'computedAt' | 'actorName'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The estimate of `kind` for the case's person, computed now, as it is kept: its inputs (the tier the clerk chose
 * included), steps, tables and result. A calculator's refusal is thrown naming `prefix`.
 */
export function computeEstimate(ctx: CoreContext, kind: EstimateKind, input: Record<string, unknown>, personId: string, prefix = 'input'): Computed {
  const region = policyRegion(ctx);
  const { kind: k, outcome } = calculate(ctx, kind, input, region.regionCode, personId);
  if (!outcome.ok) refuseCalc(outcome, prefix);
  const base = { input, steps: outcome.steps, tables: outcome.result.tables, meta: {} };
  // Each kind with its own result type (the union is narrowed by `kind`, never cast).
  return k === 'contribution' ? { ...base, kind: k, result: outcome.result } : k === 'claim' ? { ...base, kind: k, result: outcome.result } : k === 'assistance' ? { ...base, kind: k, result: outcome.result } : { ...base, kind: k, result: outcome.result };
}

/** The record of a computed estimate for case `caseId` (not saved yet: `saveRecord` in the case change's transaction). */
export function estimateRecord(ctx: CoreContext, user: SessionUser, caseId: string, computed: Computed): EstimateRecord {
  const region = policyRegion(ctx);
  return { ...computed, id: ctx.newId(), caseId, sample: region.sample, regionName: region.regionName, computedAt: nowInstant(ctx.clock), actorName: user.displayName };
}

/** Save an estimate record with its case (call inside the transaction that writes the case). */
export function saveRecord(ctx: CoreContext, user: SessionUser, record: EstimateRecord): void {
  const { regionName, ...row } = record;
  ctx.repos.estimates.insert({ ...row, meta: { ...row.meta, regionName }, actorId: user.id });
}

/** Keep a computed estimate with case `caseId` (call inside the transaction of the case's change). */
export function insertEstimate(ctx: CoreContext, user: SessionUser, caseId: string, computed: Computed): EstimateRecord {
  const record = estimateRecord(ctx, user, caseId, computed);
  saveRecord(ctx, user, record);
  return record;
}
