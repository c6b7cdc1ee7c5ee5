import type { Handlers } from '../../feature';
import { me } from '../../feature';
import {
  actorOf,
  appointments,
  board,
  book,
  callNext,
  cancelAppointment,
  checkIn,
  finish,
  hall,
  issueTicket,
  linkCase,
  listTickets,
  recall,
  saveHall,
  skip,
  transfer,
  windowState,
} from './tickets';

/** tickets.*: the hall's waiting line — categories and windows, 取号, 叫号, appointments (issue 15). */
export const ticketsHandlers = {
  'tickets.hall': (ctx) => hall(ctx),
  'tickets.saveHall': (ctx, session, input) => saveHall(ctx, me(session), input),
  'tickets.issue': (ctx, session, input) => issueTicket(ctx, actorOf(session), input),
  'tickets.checkIn': (ctx, session, input) => checkIn(ctx, actorOf(session), input),
  'tickets.board': (ctx) => board(ctx),
  'tickets.window': (ctx, _session, input) => windowState(ctx, input.windowNo),
  'tickets.call': (ctx, session, input) => callNext(ctx, me(session), input.windowNo),
  'tickets.recall': (ctx, _session, input) => recall(ctx, input.windowNo),
  'tickets.skip': (ctx, session, input) => skip(ctx, me(session), input.windowNo),
  'tickets.finish': (ctx, session, input) => finish(ctx, me(session), input.windowNo),
  'tickets.transfer': (ctx, session, input) => transfer(ctx, me(session), input.windowNo, input.toWindow),
  'tickets.linkCase': (ctx, session, input) => linkCase(ctx, me(session), input.ticketId, input.caseId),
  'tickets.list': (ctx, _session, input) => listTickets(ctx, input.day),
  'tickets.appointments': (ctx, session, input) => appointments(ctx, me(session), input.day),
  'tickets.book': (ctx, session, input) => book(ctx, me(session), input),
  'tickets.cancelAppointment': (ctx, session, input) => cancelAppointment(ctx, me(session), input.id),
} satisfies Partial<Handlers>;
