import type { CoreContext } from '../../context';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import type { EstimateRecord } from '../../../shared/api/channels/policy';
import { assessLtc, type LtcAssessmentInput } from '../../../shared/policy';
import { fail } from '../../../shared/api/errors';
import { canSaveEstimate } from '../../../shared/cases/status';
import { today } from '../../../shared/time';
import { loadForChange, commitCaseChange, stamp } from '../cases/write';
import { calculate, computeEstimate, insertEstimate, policyRegion, refuseCalc, type Computed } from '../cases/kept-estimates';

/** A live estimate, nothing saved. Bad input comes back as the calculator's refusal naming the field. */
export function estimate(ctx: CoreContext, input: ChannelInput<'policy.estimate'>): ChannelOutput<'policy.estimate'> {
  const region = policyRegion(ctx);
  return { region, estimate: calculate(ctx, input.kind, input.input, region.regionCode, input.personId) };
}

function keep(ctx: CoreContext, user: SessionUser, caseId: string, version: number, computed: Computed): { estimate: EstimateRecord; caseVersion: number } {
  const c = loadForChange(ctx, caseId, version);
  if (!canSaveEstimate(c.status)) fail('illegal_transition', '已结束的案件不能再保存测算', { field: 'caseId' });
  return ctx.tx(() => {
    const record = insertEstimate(ctx, user, c.id, computed);
    const next = stamp(ctx, c, {});
    commitCaseChange(ctx, user, { prev: c, next, event: 'estimate_saved', data: { estimateId: record.id, kind: record.kind, sample: record.sample } });
    return { estimate: record, caseVersion: next.version };
  });
}

export function saveEstimate(ctx: CoreContext, user: SessionUser, input: ChannelInput<'cases.saveEstimate'>): ChannelOutput<'cases.saveEstimate'> {
  const c = ctx.repos.cases.byId(input.caseId);
  if (!c) fail('not_found', '案件不存在', { field: 'caseId' });
  return keep(ctx, user, input.caseId, input.version, computeEstimate(ctx, input.kind, input.input, c.personId));
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
  const saved = keep(ctx, user, input.caseId, input.version, { kind: 'ltc_assessment', input: calcInput, result: outcome.result, steps: outcome.steps, tables: outcome.result.tables, meta });
  return { ...saved, result: outcome.result };
}

export function listEstimates(ctx: CoreContext, caseId: string): EstimateRecord[] {
  if (!ctx.repos.cases.byId(caseId)) fail('not_found', '案件不存在', { field: 'caseId' });
  // Rows are checked against the contract's union on the way out (the router validates every output).
  return ctx.repos.estimates.forCase(caseId).map(({ actorId: _a, meta: { regionName, ...meta }, ...e }) => ({ ...e, meta, regionName: regionName ?? null }) as EstimateRecord);
}
