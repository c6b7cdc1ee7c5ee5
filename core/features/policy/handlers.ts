import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { estimate, saveEstimate, saveLtcAssessment, listEstimates } from './estimates';
import { listPolicyTables } from './tables';

/** policy.*, and the estimates and LTC assessments kept with a case (cases.saveEstimate, …). */
export const policyHandlers = {
  'policy.estimate': (ctx, _s, input) => estimate(ctx, input),
  'policy.tables': (ctx) => listPolicyTables(ctx),
  'cases.saveEstimate': (ctx, s, input) => saveEstimate(ctx, me(s), input),
  'cases.saveLtcAssessment': (ctx, s, input) => saveLtcAssessment(ctx, me(s), input),
  'cases.estimates': (ctx, _s, input) => listEstimates(ctx, input.caseId),
} satisfies Partial<Handlers>;
