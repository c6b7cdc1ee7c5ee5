import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { accessFor, requireCaseInReach } from '../../access';
import { resubmitCase, handOutCase, createCase, intakeCase, updateDraft, acceptCase, recordMaterials, withdrawCase } from './cases';
import { caseView, readCaseView } from './case-view';
import { assignHandler } from './case-handlers';
import { revealField } from './reveal';
import { acknowledgeRefusal } from './refusal';

/**
 * cases.* (but the estimates kept with a case, which the policy feature serves): the case's life at the window.
 * A change or a read of an existing case first checks that the case is within the user's reach (shared/access.ts);
 * a new case is the user's own.
 */
export const casesHandlers = {
  'cases.create': (ctx, s, input) => caseView(ctx, me(s), createCase(ctx, me(s), input)),
  'cases.intake': (ctx, s, input) => caseView(ctx, me(s), intakeCase(ctx, me(s), input)),
  'cases.updateDraft': (ctx, s, input) => {
    requireCaseInReach(ctx, accessFor(s, 'cases.updateDraft'), input.caseId);
    return caseView(ctx, me(s), updateDraft(ctx, me(s), input));
  },
  'cases.accept': (ctx, s, input) => {
    requireCaseInReach(ctx, accessFor(s, 'cases.accept'), input.caseId);
    return caseView(ctx, me(s), acceptCase(ctx, me(s), input));
  },
  'cases.recordMaterials': (ctx, s, input) => {
    requireCaseInReach(ctx, accessFor(s, 'cases.recordMaterials'), input.caseId);
    return caseView(ctx, me(s), recordMaterials(ctx, me(s), input));
  },
  'cases.withdraw': (ctx, s, input) => {
    requireCaseInReach(ctx, accessFor(s, 'cases.withdraw'), input.caseId);
    return caseView(ctx, me(s), withdrawCase(ctx, me(s), input));
  },
  'cases.resubmit': (ctx, s, input) => {
    requireCaseInReach(ctx, accessFor(s, 'cases.resubmit'), input.caseId);
    return caseView(ctx, me(s), resubmitCase(ctx, me(s), input));
  },
  'cases.handOut': (ctx, s, input) => {
    requireCaseInReach(ctx, accessFor(s, 'cases.handOut'), input.caseId);
    return caseView(ctx, me(s), handOutCase(ctx, me(s), input));
  },
  'cases.acknowledgeRefusal': (ctx, s, input) => {
    requireCaseInReach(ctx, accessFor(s, 'cases.acknowledgeRefusal'), input.caseId);
    return caseView(ctx, me(s), acknowledgeRefusal(ctx, me(s), input));
  },
  'cases.assignHandler': (ctx, s, input) => assignHandler(ctx, me(s), input),
  'cases.get': (ctx, s, input) => {
    const a = accessFor(s, 'cases.get');
    return readCaseView(ctx, a.user, requireCaseInReach(ctx, a, input.caseId));
  },
  'cases.revealField': (ctx, s, input) => {
    const a = accessFor(s, 'cases.revealField');
    return revealField(ctx, a.user, requireCaseInReach(ctx, a, input.caseId), input.field);
  },
} satisfies Partial<Handlers>;
