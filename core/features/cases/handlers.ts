import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { resubmitCase, handOutCase, createCase, intakeCase, updateDraft, acceptCase, recordMaterials, withdrawCase, getCase } from './cases';
import { caseView } from './case-view';

/** cases.* (but the estimates kept with a case, which the policy feature serves): the case's life at the window. */
export const casesHandlers = {
  'cases.create': (ctx, s, input) => caseView(ctx, me(s), createCase(ctx, me(s), input)),
  'cases.intake': (ctx, s, input) => caseView(ctx, me(s), intakeCase(ctx, me(s), input)),
  'cases.updateDraft': (ctx, s, input) => caseView(ctx, me(s), updateDraft(ctx, me(s), input)),
  'cases.accept': (ctx, s, input) => caseView(ctx, me(s), acceptCase(ctx, me(s), input)),
  'cases.recordMaterials': (ctx, s, input) => caseView(ctx, me(s), recordMaterials(ctx, me(s), input)),
  'cases.withdraw': (ctx, s, input) => caseView(ctx, me(s), withdrawCase(ctx, me(s), input)),
  'cases.resubmit': (ctx, s, input) => caseView(ctx, me(s), resubmitCase(ctx, me(s), input)),
  'cases.handOut': (ctx, s, input) => caseView(ctx, me(s), handOutCase(ctx, me(s), input)),
  'cases.get': (ctx, s, input) => caseView(ctx, me(s), getCase(ctx, input.caseId)),
} satisfies Partial<Handlers>;
