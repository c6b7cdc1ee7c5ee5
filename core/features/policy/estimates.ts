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
  type CalcOutcome,
  type Step,
  type TableRef,
} from '../../../shared/policy';
import { fail } from '../../../shared/api/errors';
import { canSaveEstimate } from '../../../shared/cases/status';
import { nowInstant, today } from '../../../shared/time';
import { loadForChange, commitCaseChange, stamp } from '../cases/write';
import { policyRegion } from './tables';

type AnyOutcome = CalcOutcome<Record<string, unknown>>;

/** What the station knows of a person that the calculators ask for: resident tier and assistance category. */
function personDefaults(ctx: CoreContext, personId: string | undefined): Record<string, unknown> {
  if (!personId) return {};
  const p = ctx.repos.persons.byId(personId);
  if (!p) fail('not_found', '参保人不存在', { field: 'personId' });
  const out: Record<string, unknown> = {};
  const tier = p.insurance.find((r) => r.type === '390' && r.status === '1')?.tier;
  if (tier) out.residentTier = tier;
  const category = p.flags.includes('tekun') ? 'tekun' : p.flags.includes('dibao') ? 'dibao' : p.flags.includes('monitored') ? 'monitored' : p.flags.includes('tuopin') ? 'lifted' : null;
  if (category) out.assistanceCategory = category;
  return out;
}

function calculate(ctx: CoreContext, kind: EstimateKind, input: Record<string, unknown>, regionCode: string, personId?: string): AnyOutcome {
  // What the clerk typed wins over what the station knows of the person (only fields the calculator takes).
  const known = personDefaults(ctx, personId);
  const fills = kind === 'claim' ? known : kind === 'assistance' ? { assistanceCategory: known.assistanceCategory } : {};
  const defined = Object.fromEntries(Object.entries(fills).filter(([, v]) => v !== undefined));
  const withRegion = { ...defined, ...input, regionCode };
  switch (kind) {
    case 'contribution':
      return estimateContribution(withRegion as never, ctx.policy) as AnyOutcome;
    case 'claim':
      return estimateClaim(withRegion as never, ctx.policy) as AnyOutcome;
    case 'assistance':
      return estimateAssistance(withRegion as never, ctx.policy) as AnyOutcome;
    case 'maternity':
      return estimateMaternity(withRegion as never, ctx.policy) as AnyOutcome;
  }
}

/** A live estimate, nothing saved. Bad input comes back as the calculator's refusal naming the field. */
export function estimate(ctx: CoreContext, input: ChannelInput<'policy.estimate'>): ChannelOutput<'policy.estimate'> {
  const region = policyRegion(ctx);
  const outcome = calculate(ctx, input.kind, input.input, region.regionCode, input.personId);
  return { region, estimate: { kind: input.kind, outcome } as ChannelOutput<'policy.estimate'>['estimate'] };
}

/** A calculator's refusal as an API error; `prefix` is where the calculator's input sits in the channel's input. */
function refuseCalc(outcome: Extract<AnyOutcome, { ok: false }>, prefix = 'input'): never {
  const field = [prefix, outcome.field].filter((p) => p !== '').join('.');
  fail('invalid_input', outcome.message, field === '' ? {} : { field });
}

function keep(
  ctx: CoreContext,
  user: SessionUser,
  caseId: string,
  version: number,
  kind: EstimateRecord['kind'],
  input: Record<string, unknown>,
  outcome: { result: Record<string, unknown>; steps: Step[] },
  region: { sample: boolean; regionName: EstimateRecord['regionName'] },
  meta: Record<string, unknown>,
): { estimate: EstimateRecord; caseVersion: number } {
  const c = loadForChange(ctx, caseId, version);
  if (!canSaveEstimate(c.status)) fail('illegal_transition', '已结束的案件不能再保存测算', { field: 'caseId' });
  const at = nowInstant(ctx.clock);
  const record: EstimateRecord = {
    id: ctx.newId(),
    caseId: c.id,
    kind,
    input,
    result: outcome.result,
    steps: outcome.steps,
    tables: (outcome.result.tables ?? []) as TableRef[],
    sample: region.sample,
    regionName: region.regionName,
    meta,
    computedAt: at,
    actorName: user.displayName,
  };
  return ctx.tx(() => {
    const { regionName, ...row } = record;
    ctx.repos.estimates.insert({ ...row, meta: { ...row.meta, regionName }, actorId: user.id });
    const next = stamp(ctx, c, {});
    commitCaseChange(ctx, user, { prev: c, next, event: 'estimate_saved', data: { estimateId: record.id, kind, sample: region.sample } });
    return { estimate: record, caseVersion: next.version };
  });
}

export function saveEstimate(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.saveEstimate'>): ChannelOutput<'cases.saveEstimate'> {
  const region = policyRegion(ctx);
  const c = ctx.repos.cases.byId(input.caseId);
  if (!c) fail('not_found', '案件不存在', { field: 'caseId' });
  const outcome = calculate(ctx, input.kind, input.input, region.regionCode, c.personId);
  if (!outcome.ok) refuseCalc(outcome);
  return keep(ctx, user, input.caseId, input.version, input.kind, input.input, outcome, region, {});
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
  const outcome = assessLtc({ ...calcInput, regionCode: region.regionCode } as never, ctx.policy);
  if (!outcome.ok) refuseCalc(outcome, '');
  const meta = { assessors: input.assessors, assessmentDate: input.assessmentDate, attachmentIds: input.attachmentIds ?? [] };
  const saved = keep(ctx, user, input.caseId, input.version, 'ltc_assessment', calcInput, outcome as never, region, meta);
  return { ...saved, result: outcome.result };
}

export function listEstimates(ctx: CoreContext, caseId: string): EstimateRecord[] {
  if (!ctx.repos.cases.byId(caseId)) fail('not_found', '案件不存在', { field: 'caseId' });
  return ctx.repos.estimates.forCase(caseId).map(({ actorId: _a, meta: { regionName, ...meta }, ...e }) => ({ ...e, meta, regionName: (regionName as EstimateRecord['regionName']) ?? null }) as EstimateRecord);
}
