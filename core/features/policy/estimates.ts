import type { CoreContext } from '../../context';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import type { EstimateKind, EstimateRecord } from '../../../shared/api/channels/policy';
import {
  estimateContribution,
  estimateClaim,
  estimateAssistance,
  estimateMaternity,
  assessLtc,
  type AssistanceInput,
  type CalcFailure,
  type ClaimInput,
  type ContributionInput,
  type MaternityInput,
  type LtcAssessmentInput,
} from '../../../shared/policy';
import { assistanceCategoryOf, residentTierOf } from '../../../shared/persons';
import { fail } from '../../../shared/api/errors';
import { canSaveEstimate } from '../../../shared/cases/status';
import { nowInstant, today } from '../../../shared/time';
import { loadForChange, commitCaseChange, stamp } from '../cases/write';
import { policyRegion } from './tables';

type EstimateOutcome = ChannelOutput<'policy.estimate'>['estimate'];

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
function calculate(ctx: CoreContext, kind: EstimateKind, input: Record<string, unknown>, regionCode: string, personId?: string): EstimateOutcome {
  const known = personDefaults(ctx, personId);
  const fills = kind === 'claim' ? known : kind === 'assistance' && known.assistanceCategory ? { assistanceCategory: known.assistanceCategory } : {};
  const withRegion = { ...fills, ...input, regionCode };
  switch (kind) {
    case 'contribution':
      return { kind, outcome: estimateContribution(withRegion as ContributionInput, ctx.policy) };
    case 'claim':
      return { kind, outcome: estimateClaim(withRegion as ClaimInput, ctx.policy) };
    case 'assistance':
      return { kind, outcome: estimateAssistance(withRegion as AssistanceInput, ctx.policy) };
    case 'maternity':
      return { kind, outcome: estimateMaternity(withRegion as MaternityInput, ctx.policy) };
  }
}

/** A live estimate, nothing saved. Bad input comes back as the calculator's refusal naming the field. */
export function estimate(ctx: CoreContext, input: ChannelInput<'policy.estimate'>): ChannelOutput<'policy.estimate'> {
  const region = policyRegion(ctx);
  return { region, estimate: calculate(ctx, input.kind, input.input, region.regionCode, input.personId) };
}

/** A calculator's refusal as an API error; `prefix` is where the calculator's input sits in the channel's input. */
function refuseCalc(outcome: CalcFailure, prefix = 'input'): never {
  const field = [prefix, outcome.field].filter((p) => p !== '').join('.');
  fail('invalid_input', outcome.message, field === '' ? {} : { field });
}

/** The typed result of an estimate or assessment, with what the record needs beside it. */
type Computed = DistributiveOmit<EstimateRecord, 'id' | 'caseId' | 'sample' | 'regionName' | 'computedAt' | 'actorName'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function keep(
  ctx: CoreContext,
  user: SessionUser,
  caseId: string,
  version: number,
  computed: Computed,
  region: { sample: boolean; regionName: EstimateRecord['regionName'] },
): { estimate: EstimateRecord; caseVersion: number } {
  const c = loadForChange(ctx, caseId, version);
  if (!canSaveEstimate(c.status)) fail('illegal_transition', '已结束的案件不能再保存测算', { field: 'caseId' });
  const record: EstimateRecord = { ...computed, id: ctx.newId(), caseId: c.id, sample: region.sample, regionName: region.regionName, computedAt: nowInstant(ctx.clock), actorName: user.displayName };
  return ctx.tx(() => {
    const { regionName, ...row } = record;
    ctx.repos.estimates.insert({ ...row, meta: { ...row.meta, regionName }, actorId: user.id });
    const next = stamp(ctx, c, {});
    commitCaseChange(ctx, user, { prev: c, next, event: 'estimate_saved', data: { estimateId: record.id, kind: record.kind, sample: region.sample } });
    return { estimate: record, caseVersion: next.version };
  });
}

export function saveEstimate(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.saveEstimate'>): ChannelOutput<'cases.saveEstimate'> {
  const region = policyRegion(ctx);
  const c = ctx.repos.cases.byId(input.caseId);
  if (!c) fail('not_found', '案件不存在', { field: 'caseId' });
  const { kind, outcome } = calculate(ctx, input.kind, input.input, region.regionCode, c.personId);
  if (!outcome.ok) refuseCalc(outcome);
  const base = { input: input.input, steps: outcome.steps, tables: outcome.result.tables, meta: {} };
  // Each kind with its own result type (the union is narrowed by `kind`, never cast).
  const computed: Computed =
    kind === 'contribution' ? { ...base, kind, result: outcome.result } : kind === 'claim' ? { ...base, kind, result: outcome.result } : kind === 'assistance' ? { ...base, kind, result: outcome.result } : { ...base, kind, result: outcome.result };
  return keep(ctx, user, input.caseId, input.version, computed, region);
}

export function saveLtcAssessment(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.saveLtcAssessment'>): ChannelOutput<'cases.saveLtcAssessment'> {
  const c = ctx.repos.cases.byId(input.caseId);
  if (!c) fail('not_found', '案件不存在', { field: 'caseId' });
  if (c.family !== 'care') fail('invalid_input', '失能等级评估只用于长期护理保险案件', { field: 'caseId' });
  if (input.assessmentDate > today(ctx.clock)) fail('invalid_input', '评估日期：不能晚于今天', { field: 'assessmentDate' });
  if (input.assessors[0] === input.assessors[1]) fail('invalid_input', '评估员：两位评估员不能是同一人', { field: 'assessors' });
  const own = new Set(ctx.repos.attachments.forCase(c.id).map((a) => a.id));
  const stray = (input.attachmentIds ?? []).filter((id) => !own.has(id));
  if (stray.length > 0) fail('invalid_input', '附件：不是本案的附件', { field: 'attachmentIds' });
  const region = policyRegion(ctx);
  const calcInput = {
    assessmentDate: input.assessmentDate,
    adl: input.adl,
    cognition: input.cognition,
    perception: input.perception,
    ...(input.requestedCareMode ? { requestedCareMode: input.requestedCareMode } : {}),
  };
  // The score maps are checked by the calculator (every item present and in range), which refuses naming the item.
  const outcome = assessLtc({ ...calcInput, regionCode: region.regionCode } as LtcAssessmentInput, ctx.policy);
  if (!outcome.ok) refuseCalc(outcome, '');
  const meta = { assessors: [...input.assessors], assessmentDate: input.assessmentDate, attachmentIds: input.attachmentIds ?? [] };
  const saved = keep(ctx, user, input.caseId, input.version, { kind: 'ltc_assessment', input: calcInput, result: outcome.result, steps: outcome.steps, tables: outcome.result.tables, meta }, region);
  return { ...saved, result: outcome.result };
}

export function listEstimates(ctx: CoreContext, caseId: string): EstimateRecord[] {
  if (!ctx.repos.cases.byId(caseId)) fail('not_found', '案件不存在', { field: 'caseId' });
  // Rows are checked against the contract's union on the way out (the router validates every output).
  return ctx.repos.estimates.forCase(caseId).map(({ actorId: _a, meta: { regionName, ...meta }, ...e }) => ({ ...e, meta, regionName: regionName ?? null }) as EstimateRecord);
}
