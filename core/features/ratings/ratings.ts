import type { CoreContext } from '../../context';
import type { Session } from '../../session';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { FollowUp, RatingPrompt, RatingRow } from '../../../shared/api/channels/ratings';
import { fail } from '../../../shared/api/errors';
import { followUpAfter, followUpDeadlines, followUpFlags, isBadRating, ratingProblem, type AppealOutcome, type Rater, type RatingLevel, type RatingReason } from '../../../shared/front/ratings';
import { frontOpsAllowed, FrontFollowUpPayloadSchema, FrontRatingPayloadSchema, type FollowUpData, type RatingData } from '../../../shared/sync/front';
import { addDays, localDateOfInstant, nowInstant, today, type LocalDate } from '../../../shared/time';
import type { FollowUpRecord, PromptRecord, RatingRecord } from '../../../db/repos/front';

/**
 * 好差评 (issue 15): the rating the citizen gives on the screen facing them — only a display credential of the
 * window reaches `ratings.submit` (shared/access.ts), so the clerk's own session cannot rate — and the follow-up
 * of a bad rating (回访 within 1 working day, 整改 within 15, on the station's calendar; 申诉 and its outcome).
 * Ratings and follow-ups go to central as `front.rating` / `front.followup` ops, in the same transaction.
 */

/** A rating asked for and not given within this long is no longer shown (the person has left). */
export const PROMPT_MINUTES = 10;

function userName(ctx: CoreContext, id: string | null): string | null {
  return id === null ? null : (ctx.repos.users.byId(id)?.displayName ?? null);
}

function promptLabel(ctx: CoreContext, p: PromptRecord): { label: string; caseNos: string[]; caseIds: string[] } {
  if (p.subject === 'ticket') {
    const t = ctx.repos.front.ticketById(p.ticketId!);
    return { label: t?.number ?? '', caseNos: ctx.repos.front.caseNosOfTicket(p.ticketId!), caseIds: ctx.repos.front.caseIdsOfTicket(p.ticketId!) };
  }
  const no = ctx.repos.front.caseNoOf(p.caseId!) ?? '';
  return { label: no, caseNos: [no], caseIds: [p.caseId!] };
}

function livePrompt(ctx: CoreContext, windowNo: number): PromptRecord | null {
  const p = ctx.repos.front.prompt(windowNo);
  if (!p) return null;
  if (ctx.clock.now() - Date.parse(p.requestedAt) > PROMPT_MINUTES * 60_000) return null;
  return p;
}

function promptView(ctx: CoreContext, p: PromptRecord): RatingPrompt {
  const { label, caseNos } = promptLabel(ctx, p);
  return { subject: p.subject, label, caseNos, windowNo: p.windowNo, requestedAt: p.requestedAt };
}

/** What the display's window asks to be rated now (a display of no window rates nothing). */
export function currentPrompt(ctx: CoreContext, session: Session): { prompt: RatingPrompt | null } {
  const windowNo = session.device?.windowNo ?? null;
  if (windowNo === null) return { prompt: null };
  const p = livePrompt(ctx, windowNo);
  return { prompt: p ? promptView(ctx, p) : null };
}

function ratingData(ctx: CoreContext, r: RatingRecord): RatingData {
  const ticket = r.ticketId ? ctx.repos.front.ticketById(r.ticketId) : null;
  const caseIds = r.subject === 'ticket' ? ctx.repos.front.caseIdsOfTicket(r.ticketId!) : [r.caseId!];
  return {
    id: r.id,
    subject: r.subject,
    ticketNumber: ticket?.number ?? null,
    caseIds,
    caseNos: r.caseNos,
    day: r.day,
    windowNo: r.windowNo,
    clerkId: r.clerkId,
    clerkName: userName(ctx, r.clerkId),
    level: r.level,
    reasons: r.reasons,
    comment: r.comment,
    rater: r.rater,
    at: r.at,
    version: r.version,
  };
}

/** Where a follow-up stands (回访, 整改, 申诉), with the names of who did each step: its op's and its view's. */
function followUpSteps(ctx: CoreContext, f: FollowUpRecord) {
  return {
    status: f.status,
    openedOn: f.openedOn,
    visitDue: f.visitDue,
    rectifyDue: f.rectifyDue,
    visitAt: f.visitAt,
    visitByName: userName(ctx, f.visitBy),
    visitNote: f.visitNote,
    rectifyAt: f.rectifyAt,
    rectifyByName: userName(ctx, f.rectifyBy),
    rectifyNote: f.rectifyNote,
    appealAt: f.appealAt,
    appealText: f.appealText,
    appealOutcome: f.appealOutcome,
    appealNote: f.appealNote,
    appealDecidedAt: f.appealDecidedAt,
  };
}

function followUpData(ctx: CoreContext, f: FollowUpRecord): FollowUpData {
  return {
    id: f.id,
    ratingId: f.ratingId,
    ...followUpSteps(ctx, f),
    version: f.version,
    updatedAt: f.updatedAt,
  };
}

function queueFollowUp(ctx: CoreContext, f: FollowUpRecord, at: string): void {
  if (!frontOpsAllowed(ctx.protocolMinor())) return;
  ctx.repos.outbox.append({ opId: ctx.newId(), kind: 'front.followup', caseId: null, payload: FrontFollowUpPayloadSchema.parse({ followUp: followUpData(ctx, f) }), baseVersion: null, createdAt: at });
}

/** Give the rating of the service this display's window asks for (一次一评). A bad one opens a follow-up. */
export function submitRating(
  ctx: CoreContext,
  session: Session,
  input: { level: RatingLevel; reasons: RatingReason[]; comment: string | null; rater: Rater },
): { ratingId: string; followUp: boolean } {
  const device = session.device;
  if (!device) fail('forbidden', '只有面向群众的评价屏可以评价');
  if (device.windowNo === null) fail('conflict', '此叫号屏不属于某个窗口，不能评价');
  const p = livePrompt(ctx, device.windowNo);
  if (!p) fail('not_found', '当前没有需要评价的服务');
  const reasons = [...new Set(input.reasons)];
  const comment = input.comment === null || input.comment === '' ? null : input.comment;
  const problem = ratingProblem(input.level, reasons, comment);
  if (problem) fail('invalid_input', problem.message, { field: problem.field });
  if (ctx.repos.front.ratingExists(p.subject, p.ticketId, p.caseId)) fail('conflict', '这次服务已经评价过了（一次一评）');
  const at = nowInstant(ctx.clock);
  const day = today(ctx.clock);
  const { caseNos } = promptLabel(ctx, p);
  const rating: RatingRecord = {
    id: ctx.newId(),
    subject: p.subject,
    ticketId: p.ticketId,
    caseId: p.caseId,
    caseNos,
    day,
    windowNo: p.windowNo,
    clerkId: p.clerkId,
    level: input.level,
    reasons,
    comment,
    rater: input.rater,
    deviceId: device.id,
    at,
    version: 1,
  };
  const bad = isBadRating(input.level);
  ctx.tx(() => {
    ctx.repos.front.insertRating(rating);
    ctx.repos.front.clearPrompt(p.windowNo);
    if (frontOpsAllowed(ctx.protocolMinor())) ctx.repos.outbox.append({ opId: ctx.newId(), kind: 'front.rating', caseId: null, payload: FrontRatingPayloadSchema.parse({ rating: ratingData(ctx, rating) }), baseVersion: null, createdAt: at });
    if (bad) {
      const due = followUpDeadlines(ctx.calendar, day);
      const f: FollowUpRecord = {
        id: ctx.newId(),
        ratingId: rating.id,
        status: 'open',
        openedOn: day,
        visitDue: due.visitDue,
        rectifyDue: due.rectifyDue,
        visitAt: null,
        visitBy: null,
        visitNote: null,
        rectifyAt: null,
        rectifyBy: null,
        rectifyNote: null,
        appealAt: null,
        appealText: null,
        appealOutcome: null,
        appealNote: null,
        appealDecidedAt: null,
        appealDecidedBy: null,
        version: 1,
        updatedAt: at,
      };
      ctx.repos.front.insertFollowUp(f);
      queueFollowUp(ctx, f, at);
    }
    ctx.repos.audit.append({
      at,
      actorId: device.id,
      actorName: device.name,
      action: 'rating.give',
      entity: 'rating',
      entityId: rating.id,
      detail: { subject: rating.subject, windowNo: rating.windowNo, level: rating.level, reasons, caseNos },
    });
  });
  ctx.events.emit('front.changed', { what: 'ratings', windowNo: p.windowNo });
  return { ratingId: rating.id, followUp: bad };
}

/** Ask the window's citizen-facing screen to rate a case's hand-out (出件). */
export function requestHandOutRating(ctx: CoreContext, me: SessionUser, windowNo: number, caseId: string): { prompt: RatingPrompt } {
  const w = ctx.repos.front.windows().find((x) => x.no === windowNo);
  if (!w || !w.active) fail('invalid_input', `没有开放的 ${windowNo} 号窗口`, { field: 'windowNo' });
  const c = ctx.repos.cases.byId(caseId);
  if (!c) fail('not_found', '案件不存在', { field: 'caseId' });
  const handedOut = ctx.repos.events.forCase(caseId).some((e) => e.kind === 'hand_out');
  if (!handedOut) fail('conflict', '案件尚未出件，出件后再请群众评价', { field: 'caseId' });
  if (ctx.repos.front.ratingExists('hand_out', null, caseId)) fail('conflict', '该案件的出件已经评价过了（一次一评）', { field: 'caseId' });
  const at = nowInstant(ctx.clock);
  const p: PromptRecord = { windowNo, subject: 'hand_out', ticketId: null, caseId, clerkId: me.id, requestedAt: at };
  ctx.tx(() => {
    ctx.repos.front.setPrompt(p);
    ctx.repos.audit.append({ at, actorId: me.id, actorName: me.displayName, action: 'rating.request', entity: 'case', entityId: caseId, detail: { caseNo: c.caseNo, windowNo } });
  });
  ctx.events.emit('front.changed', { what: 'ratings', windowNo });
  return { prompt: promptView(ctx, p) };
}

function ratingRow(ctx: CoreContext, r: RatingRecord): RatingRow {
  const ticket = r.ticketId ? ctx.repos.front.ticketById(r.ticketId) : null;
  return {
    id: r.id,
    subject: r.subject,
    label: ticket?.number ?? r.caseNos[0] ?? '',
    caseNos: r.caseNos,
    day: r.day,
    windowNo: r.windowNo,
    clerkName: userName(ctx, r.clerkId),
    level: r.level,
    reasons: r.reasons,
    comment: r.comment,
    rater: r.rater,
    at: r.at,
  };
}

export function listRatings(ctx: CoreContext, from: LocalDate, to: LocalDate): RatingRow[] {
  if (from > to) fail('invalid_input', '开始日期不能晚于结束日期', { field: 'from' });
  return ctx.repos.front.ratingsBetween(from, to).map((r) => ratingRow(ctx, r));
}

function followUpView(ctx: CoreContext, f: FollowUpRecord): FollowUp {
  const rating = ctx.repos.front.ratingById(f.ratingId)!;
  const flags = followUpFlags(
    {
      status: f.status,
      visitDue: f.visitDue,
      rectifyDue: f.rectifyDue,
      visitedOn: f.visitAt ? localDateOfInstant(f.visitAt) : null,
      rectifiedOn: f.rectifyAt ? localDateOfInstant(f.rectifyAt) : null,
    },
    today(ctx.clock),
  );
  return {
    id: f.id,
    rating: ratingRow(ctx, rating),
    ...followUpSteps(ctx, f),
    overdue: flags.overdue,
    visitOverdue: flags.visitOverdue,
    rectifyOverdue: flags.rectifyOverdue,
    late: flags.late,
    estimatedYears: ctx.calendar.yearsWithoutData(f.openedOn, f.rectifyDue),
  };
}

export function listFollowUps(ctx: CoreContext, status: 'open' | 'all'): FollowUp[] {
  const since = `${addDays(today(ctx.clock), -90)}T00:00:00.000+08:00`;
  return ctx.repos.front.followUps(status === 'all', since).map((f) => followUpView(ctx, f));
}

/** Apply one step to a follow-up: a new version, written with its op and audit row (refused if it moved meanwhile). */
function step(
  ctx: CoreContext,
  me: SessionUser,
  id: string,
  action: 'followup.visit' | 'followup.rectify' | 'followup.appeal' | 'followup.appeal_decide',
  change: (f: FollowUpRecord, at: string) => FollowUpRecord,
): FollowUp {
  const f = ctx.repos.front.followUpById(id);
  if (!f) fail('not_found', '回访整改记录不存在', { field: 'followUpId' });
  const at = nowInstant(ctx.clock);
  const next = { ...change(f, at), version: f.version + 1, updatedAt: at };
  ctx.tx(() => {
    if (!ctx.repos.front.updateFollowUp(next, f.version)) fail('conflict', '记录已被他人修改，请刷新后重试', { retryable: true });
    queueFollowUp(ctx, next, at);
    ctx.repos.audit.append({ at, actorId: me.id, actorName: me.displayName, action, entity: 'followup', entityId: id, detail: { ratingId: f.ratingId, status: next.status } });
  });
  ctx.events.emit('front.changed', { what: 'ratings', windowNo: null });
  return followUpView(ctx, next);
}

export function recordVisit(ctx: CoreContext, me: SessionUser, id: string, note: string): FollowUp {
  return step(ctx, me, id, 'followup.visit', (f, at) => {
    const status = followUpAfter(f.status, 'visit');
    if (!status) fail('conflict', '回访已记录', { field: 'followUpId' });
    return { ...f, status, visitAt: at, visitBy: me.id, visitNote: note };
  });
}

export function recordRectification(ctx: CoreContext, me: SessionUser, id: string, note: string): FollowUp {
  return step(ctx, me, id, 'followup.rectify', (f, at) => {
    const status = followUpAfter(f.status, 'rectify');
    if (!status) fail('conflict', f.status === 'open' ? '请先记录回访，再记录整改' : '整改已记录', { field: 'followUpId' });
    return { ...f, status, rectifyAt: at, rectifyBy: me.id, rectifyNote: note };
  });
}

export function recordAppeal(ctx: CoreContext, me: SessionUser, id: string, text: string): FollowUp {
  return step(ctx, me, id, 'followup.appeal', (f, at) => {
    if (f.appealAt !== null) fail('conflict', '已记录申诉，请记录处理结果', { field: 'followUpId' });
    return { ...f, appealAt: at, appealText: text };
  });
}

export function decideAppeal(ctx: CoreContext, me: SessionUser, id: string, outcome: AppealOutcome, note: string): FollowUp {
  return step(ctx, me, id, 'followup.appeal_decide', (f, at) => {
    if (f.appealAt === null) fail('conflict', '尚未记录申诉', { field: 'followUpId' });
    if (f.appealOutcome !== null) fail('conflict', '申诉已有处理结果', { field: 'followUpId' });
    return { ...f, appealOutcome: outcome, appealNote: note, appealDecidedAt: at, appealDecidedBy: me.id };
  });
}
