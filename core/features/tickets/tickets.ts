import { createHash, randomInt } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { Session } from '../../session';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { Appointment, Board, BoardCall, Hall, IssuedTicket, TicketRow, WindowState } from '../../../shared/api/channels/tickets';
import { fail } from '../../../shared/api/errors';
import { hallConfigProblem, priorityFromIdNumber, ticketNumber, type PriorityReason, type ServiceWindow, type TicketCategory } from '../../../shared/front/tickets';
import { lineClass, lineForWindow, waitingAhead } from '../../../shared/front/line';
import { maskName } from '../../../shared/front/mask';
import { callTimes, median, quantile, secondsBetween, waitSeconds } from '../../../shared/front/stats';
import { FrontDayPayloadSchema, frontOpsAllowed, type FrontDayPayload } from '../../../shared/sync/front';
import { validatePersonId, maskIdNumber } from '../../../shared/identity';
import { nowInstant, today, type LocalDate } from '../../../shared/time';
import type { AppointmentRecord, CallRecord, TicketRecord } from '../../../db/repos/front';
import { station } from '../../reference/station';

/**
 * The waiting line of the hall (issue 15): tickets taken at the kiosk or by a clerk, appointments checked in, and
 * each window's calls (叫号 F2, 重呼 F3, 过号 F4, 转窗 F5, 办结). The order is shared/front/line.ts. Every change is
 * one transaction with its audit row; `front.changed` tells the display, the kiosk and the calling bars.
 */

/** Who acts: a signed-in user (clerk, supervisor) or a device (the kiosk). */
export interface Actor {
  id: string;
  name: string;
  kind: 'user' | 'kiosk';
}

export function actorOf(session: Session): Actor {
  if (session.user) return { id: session.user.id, name: session.user.displayName, kind: 'user' };
  if (session.device) return { id: session.device.id, name: session.device.name, kind: 'kiosk' };
  fail('not_signed_in', '请先登录');
}

function changed(ctx: CoreContext, windowNo: number | null): void {
  ctx.events.emit('front.changed', { what: 'tickets', windowNo });
}

function stationName(ctx: CoreContext): string {
  return station(ctx)?.name ?? '';
}

// — the hall —

export function hall(ctx: CoreContext): Hall {
  return { categories: ctx.repos.front.categories(), windows: ctx.repos.front.windows() };
}

export function saveHall(ctx: CoreContext, me: SessionUser, input: Hall): Hall {
  const problem = hallConfigProblem(input.categories, input.windows);
  if (problem) fail('invalid_input', problem.message, { field: problem.field });
  const keep = new Set(input.windows.filter((w) => w.active).map((w) => w.no));
  const busy = ctx.repos.front.openCalls().find((c) => !keep.has(c.windowNo));
  if (busy) fail('conflict', `${busy.windowNo} 号窗口正在办理 ${busy.number}，请先办结或转窗后再关闭该窗口`, { field: 'windows' });
  const at = nowInstant(ctx.clock);
  ctx.tx(() => {
    ctx.repos.front.saveHall(input.categories, input.windows, at);
    ctx.repos.audit.append({
      at,
      actorId: me.id,
      actorName: me.displayName,
      action: 'hall.configure',
      entity: 'hall',
      entityId: null,
      detail: { categories: input.categories.map((c) => `${c.letter} ${c.name}${c.active ? '' : '（停用）'}`), windows: input.windows.map((w) => `${w.no}:${w.categories.join('/')}`) },
    });
  });
  ctx.events.emit('front.changed', { what: 'hall', windowNo: null });
  return hall(ctx);
}

function activeCategory(ctx: CoreContext, code: string, field = 'category'): TicketCategory {
  const c = ctx.repos.front.categories().find((x) => x.code === code);
  if (!c || !c.active) fail('invalid_input', '该业务类别不存在或已停用', { field });
  return c;
}

function activeWindow(ctx: CoreContext, no: number, field = 'windowNo'): ServiceWindow {
  const w = ctx.repos.front.windows().find((x) => x.no === no);
  if (!w) fail('invalid_input', `没有 ${no} 号窗口`, { field });
  if (!w.active) fail('invalid_input', `${no} 号窗口已关闭`, { field });
  return w;
}

// — taking a ticket —

function issued(ctx: CoreContext, t: TicketRecord, category: TicketCategory, slot: string | null): IssuedTicket {
  const waiting = ctx.repos.front.waitingOfDay(t.day);
  return {
    id: t.id,
    number: t.number,
    category: category.code,
    categoryName: category.name,
    issuedAt: t.issuedAt,
    priority: t.priority,
    slot,
    waitingAhead: waitingAhead(waiting, t, nowInstant(ctx.clock)),
    stationName: stationName(ctx),
  };
}

/** A new ticket of `category` (numbered in the day and category), written with its audit row. */
function newTicket(
  ctx: CoreContext,
  actor: Actor,
  category: TicketCategory,
  fields: { source: TicketRecord['source']; priority: PriorityReason | null; personId: string | null; name: string | null; appointmentId: string | null; slotStart: string | null },
): TicketRecord {
  const at = nowInstant(ctx.clock);
  const day = today(ctx.clock);
  queueUnsentDays(ctx, day);
  const seq = ctx.repos.front.nextSeq(day, category.code);
  const t: TicketRecord = {
    id: ctx.newId(),
    day,
    category: category.code,
    seq,
    number: ticketNumber(category.letter, seq),
    ...fields,
    status: 'waiting',
    targetWindow: null,
    transferredAt: null,
    windowNo: null,
    clerkId: null,
    issuedBy: actor.id,
    issuedAt: at,
    calledAt: null,
    endedAt: null,
  };
  ctx.repos.front.insertTicket(t);
  ctx.repos.audit.append({
    at,
    actorId: actor.id,
    actorName: actor.name,
    action: 'ticket.issue',
    entity: 'ticket',
    entityId: t.id,
    detail: { number: t.number, category: t.category, source: t.source, priority: t.priority },
  });
  return t;
}

export function issueTicket(
  ctx: CoreContext,
  actor: Actor,
  input: { category: string; priority: PriorityReason | null; idNumber?: string | undefined; name?: string | undefined },
): IssuedTicket {
  const category = activeCategory(ctx, input.category);
  const day = today(ctx.clock);
  let priority = input.priority;
  let personId: string | null = null;
  let name = input.name && input.name !== '' ? input.name : null;
  if (input.idNumber !== undefined && input.idNumber !== '') {
    const v = validatePersonId(input.idNumber, day);
    if (!v.ok) fail('invalid_input', `证件号码：${v.message}`, { field: 'idNumber' });
    priority = priority ?? priorityFromIdNumber(v.normalized, day);
    const person = ctx.repos.persons.byIdNumber(v.normalized);
    if (person) {
      personId = person.id;
      name = name ?? person.name;
    }
  }
  const t = ctx.tx(() => newTicket(ctx, actor, category, { source: actor.kind === 'kiosk' ? 'kiosk' : 'clerk', priority, personId, name, appointmentId: null, slotStart: null }));
  changed(ctx, null);
  return issued(ctx, t, category, null);
}

/** The instant a slot of `day` starts ("10:00" → 2026-11-23T10:00:00.000+08:00). */
function slotInstant(day: LocalDate, hhmm: string): string {
  return `${day}T${hhmm}:00.000+08:00`;
}

export function checkIn(ctx: CoreContext, actor: Actor, input: { idNumber?: string | undefined; code?: string | undefined }): IssuedTicket {
  const day = today(ctx.clock);
  let by: { idNumber?: string; code?: string };
  if (input.code !== undefined && input.code !== '') by = { code: input.code };
  else if (input.idNumber !== undefined && input.idNumber !== '') {
    const v = validatePersonId(input.idNumber, day);
    if (!v.ok) fail('invalid_input', `证件号码：${v.message}`, { field: 'idNumber' });
    by = { idNumber: v.normalized };
  } else fail('invalid_input', '请刷身份证、输入证件号码或 6 位预约码', { field: 'idNumber' });
  const a = ctx.repos.front.bookedAppointment(day, by);
  if (!a) fail('not_found', '没有找到您今天的预约，请取普通号或咨询工作人员', { field: by.code !== undefined ? 'code' : 'idNumber' });
  const category = activeCategory(ctx, a.category);
  const now = nowInstant(ctx.clock);
  const slotEnd = slotInstant(day, a.slotEnd);
  // Late for the slot: the appointment still counts as a ticket, but no longer heads the line.
  const slotStart = now > slotEnd ? null : slotInstant(day, a.slotStart);
  const t = ctx.tx(() => {
    const ticket = newTicket(ctx, actor, category, {
      source: 'appointment',
      priority: priorityFromIdNumber(a.idNumber, day),
      personId: a.personId,
      name: a.name,
      appointmentId: a.id,
      slotStart,
    });
    ctx.repos.front.setAppointmentStatus(a.id, 'checked_in', ticket.id);
    ctx.repos.audit.append({ at: now, actorId: actor.id, actorName: actor.name, action: 'appointment.check_in', entity: 'appointment', entityId: a.id, detail: { ticket: ticket.number, late: slotStart === null } });
    return ticket;
  });
  changed(ctx, null);
  return issued(ctx, t, category, `${a.slotStart}–${a.slotEnd}`);
}

// — the public board —

export function announcement(number: string, windowNo: number): string {
  return `请 ${number} 号 到 ${windowNo} 号窗口 办理`;
}

export function board(ctx: CoreContext): Board {
  const day = today(ctx.clock);
  const categories = ctx.repos.front.categories().filter((c) => c.active);
  const windows = ctx.repos.front.windows();
  const waiting = ctx.repos.front.waitingOfDay(day);
  const open = new Map(ctx.repos.front.openCalls().map((c) => [c.windowNo, c.number]));
  const names = new Map(windows.map((w) => [w.no, w.name]));
  const calls: BoardCall[] = ctx.repos.front.recentCalls(day, 8).map((c) => ({
    id: c.id,
    number: c.number,
    windowNo: c.windowNo,
    windowName: names.get(c.windowNo) ?? `${c.windowNo}号窗口`,
    maskedName: maskName(c.name),
    at: c.lastCalledAt,
    text: announcement(c.number, c.windowNo),
  }));
  return {
    stationName: stationName(ctx),
    day,
    categories: categories.map((c) => ({ code: c.code, letter: c.letter, name: c.name, waiting: waiting.filter((t) => t.category === c.code && t.targetWindow === null).length })),
    windows: windows.map((w) => ({ no: w.no, name: w.name, open: w.active, current: open.get(w.no) ?? null, categories: w.categories })),
    calls,
    waitingTotal: waiting.length,
  };
}

// — a window's calling bar —

/** Cases linked to a ticket, and those its clerk took in during the open call (一窗通办). */
function caseNosDuring(ctx: CoreContext, ticketId: string, call: CallRecord | null): string[] {
  const linked = ctx.repos.front.caseNosOfTicket(ticketId);
  if (!call) return linked;
  const during = ctx.repos.front.casesCreatedBy(call.clerkId, call.calledAt, nowInstant(ctx.clock)).map((c) => c.caseNo);
  return [...new Set([...linked, ...during])];
}

export function windowState(ctx: CoreContext, windowNo: number): WindowState {
  const windows = ctx.repos.front.windows();
  const w = windows.find((x) => x.no === windowNo);
  if (!w) fail('invalid_input', `没有 ${windowNo} 号窗口`, { field: 'windowNo' });
  const categories = new Map(ctx.repos.front.categories().map((c) => [c.code, c.name]));
  const day = today(ctx.clock);
  const now = nowInstant(ctx.clock);
  const call = ctx.repos.front.openCall(windowNo);
  const t = call ? ctx.repos.front.ticketById(call.ticketId) : null;
  const line = lineForWindow(ctx.repos.front.waitingOfDay(day), w, now);
  const previous = t ? ctx.repos.front.callsOfTicket(t.id).filter((c) => c.id !== call!.id && c.outcome === 'transferred') : [];
  return {
    windowNo: w.no,
    windowName: w.name,
    categories: w.categories,
    serving:
      call && t
        ? {
            id: t.id,
            callId: call.id,
            number: t.number,
            category: t.category,
            categoryName: categories.get(t.category) ?? t.category,
            priority: t.priority,
            source: t.source,
            personId: t.personId,
            name: t.name,
            calledAt: call.lastCalledAt,
            recalls: call.recalls,
            caseNos: caseNosDuring(ctx, t.id, call),
            transferredFrom: previous.length > 0 ? previous[previous.length - 1]!.windowNo : null,
          }
        : null,
    next: line.slice(0, 5).map((x) => ({ number: x.number, lineClass: lineClass(x, now), priority: x.priority })),
    waiting: line.length,
    otherWindows: windows.filter((x) => x.active && x.no !== w.no).map((x) => ({ no: x.no, name: x.name })),
    announcement: call && t ? announcement(t.number, w.no) : null,
  };
}

/**
 * End the open call of a window: served, skipped or transferred. A served or transferred call links the cases its
 * clerk took in meanwhile to the ticket (一窗通办); a served one asks the window's citizen-facing screen for a rating.
 */
function endOpenCall(ctx: CoreContext, me: SessionUser, call: CallRecord, outcome: 'served' | 'skipped' | 'transferred', transferTo: number | null): TicketRecord {
  const at = nowInstant(ctx.clock);
  const t = ctx.repos.front.ticketById(call.ticketId)!;
  const linked: string[] = [];
  if (outcome !== 'skipped') {
    for (const c of ctx.repos.front.casesCreatedBy(call.clerkId, call.calledAt, at)) {
      if (ctx.repos.front.linkCase(t.id, c.id, at)) linked.push(c.caseNo);
    }
  }
  ctx.repos.front.endCall(call.id, at, outcome, transferTo, secondsBetween(call.calledAt, at));
  if (outcome === 'transferred') {
    ctx.repos.front.updateTicket({ ...t, status: 'waiting', targetWindow: transferTo, transferredAt: at });
  } else {
    ctx.repos.front.updateTicket({ ...t, status: outcome, endedAt: at });
  }
  if (outcome === 'served') {
    ctx.repos.front.setPrompt({ windowNo: call.windowNo, subject: 'ticket', ticketId: t.id, caseId: null, clerkId: call.clerkId, requestedAt: at });
  }
  const action = outcome === 'served' ? 'ticket.serve' : outcome === 'skipped' ? 'ticket.skip' : 'ticket.transfer';
  ctx.repos.audit.append({
    at,
    actorId: me.id,
    actorName: me.displayName,
    action,
    entity: 'ticket',
    entityId: t.id,
    detail: { number: t.number, windowNo: call.windowNo, ...(transferTo !== null ? { toWindow: transferTo } : {}), ...(linked.length > 0 ? { cases: linked } : {}) },
  });
  if (linked.length > 0) {
    ctx.repos.audit.append({ at, actorId: me.id, actorName: me.displayName, action: 'ticket.case_link', entity: 'ticket', entityId: t.id, detail: { number: t.number, cases: linked } });
  }
  return t;
}

function requireOpenCall(ctx: CoreContext, windowNo: number): CallRecord {
  const call = ctx.repos.front.openCall(windowNo);
  if (!call) fail('conflict', `${windowNo} 号窗口当前没有正在办理的号`, { field: 'windowNo' });
  return call;
}

/** F2: the ticket being served (if any) ends as served, and the next in line is called. */
export function callNext(ctx: CoreContext, me: SessionUser, windowNo: number): WindowState {
  const w = activeWindow(ctx, windowNo);
  ctx.tx(() => {
    const open = ctx.repos.front.openCall(windowNo);
    if (open) endOpenCall(ctx, me, open, 'served', null);
    const at = nowInstant(ctx.clock);
    const day = today(ctx.clock);
    const next = lineForWindow(ctx.repos.front.waitingOfDay(day), w, at)[0];
    // The rating asked for the ticket just served stays on the citizen-facing screen (labelled with its number)
    // until it is given or the next served ticket replaces it (ratings.prompt drops stale ones).
    if (!next) return;
    ctx.repos.front.insertCall({
      id: ctx.newId(),
      ticketId: next.id,
      day,
      windowNo,
      clerkId: me.id,
      calledAt: at,
      lastCalledAt: at,
      recalls: 0,
      endedAt: null,
      outcome: null,
      transferTo: null,
      // A ticket waits once: until its first call (a transferred one was called before).
      first: next.calledAt === null,
      waitSec: next.calledAt === null ? waitSeconds(next.issuedAt, next.slotStart, at) : null,
      serviceSec: null,
    });
    ctx.repos.front.updateTicket({ ...next, status: 'called', windowNo, clerkId: me.id, calledAt: next.calledAt ?? at });
    ctx.repos.audit.append({ at, actorId: me.id, actorName: me.displayName, action: 'ticket.call', entity: 'ticket', entityId: next.id, detail: { number: next.number, windowNo } });
  });
  changed(ctx, windowNo);
  return windowState(ctx, windowNo);
}

/** F3: call the ticket being served again (the display announces it again). */
export function recall(ctx: CoreContext, windowNo: number): WindowState {
  const call = requireOpenCall(ctx, windowNo);
  ctx.tx(() => ctx.repos.front.recall(call.id, nowInstant(ctx.clock)));
  changed(ctx, windowNo);
  return windowState(ctx, windowNo);
}

/** F4 过号: the called ticket did not come. */
export function skip(ctx: CoreContext, me: SessionUser, windowNo: number): WindowState {
  const call = requireOpenCall(ctx, windowNo);
  ctx.tx(() => endOpenCall(ctx, me, call, 'skipped', null));
  changed(ctx, windowNo);
  return windowState(ctx, windowNo);
}

/** 办结: the ticket being served ends as served (the rating screen asks for the rating). */
export function finish(ctx: CoreContext, me: SessionUser, windowNo: number): WindowState {
  const call = requireOpenCall(ctx, windowNo);
  ctx.tx(() => endOpenCall(ctx, me, call, 'served', null));
  changed(ctx, windowNo);
  return windowState(ctx, windowNo);
}

/** F5 转窗: the ticket being served goes to the head of another window's line. */
export function transfer(ctx: CoreContext, me: SessionUser, windowNo: number, toWindow: number): WindowState {
  if (toWindow === windowNo) fail('invalid_input', '不能转到本窗口', { field: 'toWindow' });
  activeWindow(ctx, toWindow, 'toWindow');
  const call = requireOpenCall(ctx, windowNo);
  ctx.tx(() => endOpenCall(ctx, me, call, 'transferred', toWindow));
  changed(ctx, windowNo);
  changed(ctx, toWindow);
  return windowState(ctx, windowNo);
}

export function linkCase(ctx: CoreContext, me: SessionUser, ticketId: string, caseId: string): { caseNos: string[] } {
  const t = ctx.repos.front.ticketById(ticketId);
  if (!t) fail('not_found', '号票不存在', { field: 'ticketId' });
  const caseNo = ctx.repos.front.caseNoOf(caseId);
  if (caseNo === null) fail('not_found', '案件不存在', { field: 'caseId' });
  const at = nowInstant(ctx.clock);
  ctx.tx(() => {
    if (ctx.repos.front.linkCase(ticketId, caseId, at)) {
      ctx.repos.audit.append({ at, actorId: me.id, actorName: me.displayName, action: 'ticket.case_link', entity: 'ticket', entityId: ticketId, detail: { number: t.number, cases: [caseNo] } });
    }
  });
  changed(ctx, t.windowNo);
  return { caseNos: ctx.repos.front.caseNosOfTicket(ticketId) };
}

export function listTickets(ctx: CoreContext, day: LocalDate | undefined): { day: LocalDate; tickets: TicketRow[] } {
  const d = day ?? today(ctx.clock);
  return {
    day: d,
    tickets: ctx.repos.front.ticketsOfDay(d).map((t) => ({
      id: t.id,
      number: t.number,
      category: t.category,
      source: t.source,
      priority: t.priority,
      status: t.status,
      maskedName: maskName(t.name),
      windowNo: t.windowNo,
      targetWindow: t.status === 'waiting' ? t.targetWindow : null,
      issuedAt: t.issuedAt,
      calledAt: t.calledAt,
      endedAt: t.endedAt,
      caseNos: ctx.repos.front.caseNosOfTicket(t.id),
    })),
  };
}

// — appointments —

function appointmentView(ctx: CoreContext, a: AppointmentRecord): Appointment {
  const ticket = a.ticketId ? ctx.repos.front.ticketById(a.ticketId) : null;
  return {
    id: a.id,
    day: a.day,
    slotStart: a.slotStart,
    slotEnd: a.slotEnd,
    category: a.category,
    name: a.name,
    idNumberMasked: maskIdNumber(a.idNumber),
    phone: a.phone,
    code: a.code,
    status: a.status,
    ticketNumber: ticket?.number ?? null,
  };
}

export function appointments(ctx: CoreContext, me: SessionUser, day: LocalDate): Appointment[] {
  const list = ctx.repos.front.appointmentsOfDay(day);
  if (list.length > 0) {
    ctx.txRelaxed(() =>
      ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: me.id, actorName: me.displayName, action: 'appointment.read', entity: 'appointment', entityId: null, detail: { day, count: list.length } }),
    );
  }
  return list.map((a) => appointmentView(ctx, a));
}

export function book(
  ctx: CoreContext,
  me: SessionUser,
  input: { day: LocalDate; slotStart: string; slotEnd: string; category: string; name: string; idNumber: string; phone?: string | undefined },
): Appointment {
  const todayDate = today(ctx.clock);
  if (input.day < todayDate) fail('invalid_input', '预约日期不能早于今天', { field: 'day' });
  if (input.day === todayDate && slotInstant(input.day, input.slotEnd) <= nowInstant(ctx.clock)) fail('invalid_input', '该时段已过，请选择之后的时段', { field: 'slotStart' });
  if (!ctx.calendar.isWorkingDay(input.day)) fail('invalid_input', `${input.day} 不是工作日，请另选日期`, { field: 'day' });
  activeCategory(ctx, input.category);
  const v = validatePersonId(input.idNumber, todayDate);
  if (!v.ok) fail('invalid_input', `证件号码：${v.message}`, { field: 'idNumber' });
  let code = '';
  for (let i = 0; i < 20; i++) {
    code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!ctx.repos.front.codeTaken(input.day, code)) break;
  }
  const at = nowInstant(ctx.clock);
  const a: AppointmentRecord = {
    id: ctx.newId(),
    day: input.day,
    slotStart: input.slotStart,
    slotEnd: input.slotEnd,
    category: input.category,
    name: input.name,
    idNumber: v.normalized,
    personId: ctx.repos.persons.byIdNumber(v.normalized)?.id ?? null,
    phone: input.phone && input.phone !== '' ? input.phone : null,
    code,
    status: 'booked',
    ticketId: null,
    createdBy: me.id,
    createdAt: at,
  };
  ctx.tx(() => {
    ctx.repos.front.insertAppointment(a);
    ctx.repos.audit.append({ at, actorId: me.id, actorName: me.displayName, action: 'appointment.book', entity: 'appointment', entityId: a.id, detail: { day: a.day, slot: `${a.slotStart}-${a.slotEnd}`, category: a.category } });
  });
  return appointmentView(ctx, a);
}

export function cancelAppointment(ctx: CoreContext, me: SessionUser, id: string): Appointment {
  const a = ctx.repos.front.appointmentById(id);
  if (!a) fail('not_found', '预约不存在', { field: 'id' });
  if (a.status !== 'booked') fail('conflict', a.status === 'checked_in' ? '已签到取号的预约不能取消' : '该预约已取消', { field: 'id' });
  const at = nowInstant(ctx.clock);
  ctx.tx(() => {
    ctx.repos.front.setAppointmentStatus(id, 'cancelled', null);
    ctx.repos.audit.append({ at, actorId: me.id, actorName: me.displayName, action: 'appointment.cancel', entity: 'appointment', entityId: id, detail: { day: a.day } });
  });
  return appointmentView(ctx, { ...a, status: 'cancelled' });
}

// — the day's figures to central —

/** The ticket figures of one day (counts and durations only), as the `front.day` op carries them. */
export function dayFigures(ctx: CoreContext, day: LocalDate, version: number): FrontDayPayload {
  const categories = ctx.repos.front.categories();
  const tickets = ctx.repos.front.ticketsOfDay(day);
  const times = callTimes(ctx.repos.front.callFigures(day, day));
  const used = [...new Set(tickets.map((t) => t.category))];
  return FrontDayPayloadSchema.parse({
    day,
    version,
    categories: used.map((code) => {
      const c = categories.find((x) => x.code === code);
      const of = tickets.filter((t) => t.category === code);
      return {
        code,
        letter: c?.letter ?? '?',
        name: c?.name ?? code,
        issued: of.length,
        served: of.filter((t) => t.status === 'served').length,
        skipped: of.filter((t) => t.status === 'skipped').length,
        priority: of.filter((t) => t.priority !== null).length,
        appointments: of.filter((t) => t.source === 'appointment').length,
      };
    }),
    windows: times.windows,
    waitMedianSec: median(times.waits),
    waitP90Sec: quantile(times.waits, 0.9),
  });
}

/**
 * Write a `front.day` op for `day` when its figures changed since the last one (a new version), or were never
 * sent. Called for the days before today when the first ticket of a day is taken (the line resets daily), and by
 * the supervisor's figures export for today.
 */
export function queueDayFigures(ctx: CoreContext, day: LocalDate): boolean {
  if (!frontOpsAllowed(ctx.protocolMinor())) return false;
  const have = ctx.repos.front.frontDay(day);
  const probe = dayFigures(ctx, day, 1);
  const hash = createHash('sha256').update(JSON.stringify({ ...probe, version: 0 })).digest('hex');
  if (have && have.hash === hash) return false;
  const version = (have?.version ?? 0) + 1;
  const at = nowInstant(ctx.clock);
  ctx.tx(() => {
    ctx.repos.outbox.append({ opId: ctx.newId(), kind: 'front.day', caseId: null, payload: { ...probe, version }, baseVersion: null, createdAt: at });
    ctx.repos.front.setFrontDay(day, version, hash, at);
  });
  return true;
}

/** Before the first ticket of `day`: the figures of earlier days not sent yet go to the outbox. */
function queueUnsentDays(ctx: CoreContext, day: LocalDate): void {
  for (const d of ctx.repos.front.unsentDays(day)) queueDayFigures(ctx, d);
}
