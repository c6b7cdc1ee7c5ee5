import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { accessFor, requireCaseInReach, requirePersonInReach } from '../../access';
import { nowInstant } from '../../../shared/time';
import { estimate, saveEstimate, saveLtcAssessment, listEstimates } from './estimates';
import { listPolicyTables } from './tables';

/** policy.*, and the estimates and LTC assessments kept with a case (cases.saveEstimate, …), within the user's reach. */
export const policyHandlers = {
  'policy.estimate': (ctx, s, input) => {
    const a = accessFor(s, 'policy.estimate');
    if (input.personId === undefined) return estimate(ctx, input);
    // With a person the calculator reads what the station knows of them: a read of personal data.
    requirePersonInReach(ctx, a, input.personId);
    const r = estimate(ctx, input);
    ctx.txRelaxed(() =>
      ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: a.user.id, actorName: a.user.displayName, action: 'estimate.compute', entity: 'person', entityId: input.personId!, detail: { kind: input.kind, personIds: [input.personId] } }),
    );
    return r;
  },
  'policy.tables': (ctx) => listPolicyTables(ctx),
  'cases.saveEstimate': (ctx, s, input) => {
    requireCaseInReach(ctx, accessFor(s, 'cases.saveEstimate'), input.caseId);
    return saveEstimate(ctx, me(s), input);
  },
  'cases.saveLtcAssessment': (ctx, s, input) => {
    requireCaseInReach(ctx, accessFor(s, 'cases.saveLtcAssessment'), input.caseId);
    return saveLtcAssessment(ctx, me(s), input);
  },
  'cases.estimates': (ctx, s, input) => {
    const a = accessFor(s, 'cases.estimates');
    const c = requireCaseInReach(ctx, a, input.caseId);
    const list = listEstimates(ctx, input.caseId);
    ctx.txRelaxed(() =>
      ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: a.user.id, actorName: a.user.displayName, action: 'estimate.read', entity: 'case', entityId: c.id, detail: { estimates: list.length, personIds: [c.personId] } }),
    );
    return list;
  },
} satisfies Partial<Handlers>;
