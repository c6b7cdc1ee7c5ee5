import type { Handlers } from '../../feature';
import { me } from '../../feature';
import {
  currentPrompt,
  decideAppeal,
  listFollowUps,
  listRatings,
  recordAppeal,
  recordRectification,
  recordVisit,
  requestHandOutRating,
  submitRating,
} from './ratings';

/** ratings.*: 好差评 on the citizen-facing screen, and the supervisor's follow-up of bad ratings (issue 15). */
export const ratingsHandlers = {
  'ratings.prompt': (ctx, session) => currentPrompt(ctx, session),
  'ratings.submit': (ctx, session, input) => submitRating(ctx, session, input),
  'ratings.request': (ctx, session, input) => requestHandOutRating(ctx, me(session), input.windowNo, input.caseId),
  'ratings.list': (ctx, _session, input) => listRatings(ctx, input.from, input.to),
  'ratings.followUps': (ctx, _session, input) => listFollowUps(ctx, input.status),
  'ratings.visit': (ctx, session, input) => recordVisit(ctx, me(session), input.followUpId, input.note),
  'ratings.rectify': (ctx, session, input) => recordRectification(ctx, me(session), input.followUpId, input.note),
  'ratings.appeal': (ctx, session, input) => recordAppeal(ctx, me(session), input.followUpId, input.text),
  'ratings.decideAppeal': (ctx, session, input) => decideAppeal(ctx, me(session), input.followUpId, input.outcome, input.note),
} satisfies Partial<Handlers>;
