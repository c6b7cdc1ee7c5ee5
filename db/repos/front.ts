import type { Db } from '../open';
import { addDays } from '../../shared/time';
import type Database from 'better-sqlite3-multiple-ciphers';

type Stmt = Database.Statement<unknown[], unknown>;
import type { DeviceKind } from '../../shared/roles';
import type { CallOutcome, PriorityReason, ServiceWindow, TicketCategory, TicketSource, TicketStatus } from '../../shared/front/tickets';
import type { AppealOutcome, FollowUpStatus, Rater, RatingLevel, RatingReason, RatingSubject } from '../../shared/front/ratings';

/**
 * The front office's store (issue 15): hall configuration, tickets and their calls, appointments, ratings and
 * follow-ups, device credentials, and the days whose figures went to central. All SQL of the front office.
 */

export interface TicketRecord {
  id: string;
  day: string;
  category: string;
  seq: number;
  number: string;
  source: TicketSource;
  priority: PriorityReason | null;
  appointmentId: string | null;
  slotStart: string | null;
  personId: string | null;
  name: string | null;
  status: TicketStatus;
  targetWindow: number | null;
  transferredAt: string | null;
  windowNo: number | null;
  clerkId: string | null;
  issuedBy: string;
  issuedAt: string;
  calledAt: string | null;
  endedAt: string | null;
}

export interface CallRecord {
  id: string;
  ticketId: string;
  day: string;
  windowNo: number;
  clerkId: string;
  calledAt: string;
  lastCalledAt: string;
  recalls: number;
  endedAt: string | null;
  outcome: CallOutcome | null;
  transferTo: number | null;
  /** The ticket's first call, and then the seconds it waited. */
  first: boolean;
  waitSec: number | null;
  /** Seconds of this service, once it ended. */
  serviceSec: number | null;
}

export interface AppointmentRecord {
  id: string;
  day: string;
  slotStart: string;
  slotEnd: string;
  category: string;
  name: string;
  idNumber: string;
  personId: string | null;
  phone: string | null;
  code: string;
  status: 'booked' | 'checked_in' | 'cancelled';
  ticketId: string | null;
  createdBy: string;
  createdAt: string;
}

export interface RatingRecord {
  id: string;
  subject: RatingSubject;
  ticketId: string | null;
  caseId: string | null;
  caseNos: string[];
  day: string;
  windowNo: number | null;
  clerkId: string | null;
  level: RatingLevel;
  reasons: RatingReason[];
  comment: string | null;
  rater: Rater;
  deviceId: string;
  at: string;
  version: number;
}

export interface FollowUpRecord {
  id: string;
  ratingId: string;
  status: FollowUpStatus;
  openedOn: string;
  visitDue: string;
  rectifyDue: string;
  visitAt: string | null;
  visitBy: string | null;
  visitNote: string | null;
  rectifyAt: string | null;
  rectifyBy: string | null;
  rectifyNote: string | null;
  appealAt: string | null;
  appealText: string | null;
  appealOutcome: AppealOutcome | null;
  appealNote: string | null;
  appealDecidedAt: string | null;
  appealDecidedBy: string | null;
  version: number;
  updatedAt: string;
}

export interface PromptRecord {
  windowNo: number;
  subject: RatingSubject;
  ticketId: string | null;
  caseId: string | null;
  clerkId: string;
  requestedAt: string;
}

export interface DeviceRecord {
  id: string;
  kind: DeviceKind;
  name: string;
  windowNo: number | null;
  keyHash: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

/** One call as the figures read it (shared/front/stats callTimes). */
export interface CallFigureRow {
  windowNo: number;
  first: boolean;
  waitSec: number | null;
  serviceSec: number | null;
  outcome: CallOutcome | null;
}

type Raw = Record<string, unknown>;
const bool = (v: unknown) => v === 1;

function ticketOf(r: Raw): TicketRecord {
  return {
    id: r.id as string,
    day: r.day as string,
    category: r.category as string,
    seq: r.seq as number,
    number: r.number as string,
    source: r.source as TicketSource,
    priority: (r.priority as PriorityReason | null) ?? null,
    appointmentId: (r.appointment_id as string | null) ?? null,
    slotStart: (r.slot_start as string | null) ?? null,
    personId: (r.person_id as string | null) ?? null,
    name: (r.name as string | null) ?? null,
    status: r.status as TicketStatus,
    targetWindow: (r.target_window as number | null) ?? null,
    transferredAt: (r.transferred_at as string | null) ?? null,
    windowNo: (r.window_no as number | null) ?? null,
    clerkId: (r.clerk_id as string | null) ?? null,
    issuedBy: r.issued_by as string,
    issuedAt: r.issued_at as string,
    calledAt: (r.called_at as string | null) ?? null,
    endedAt: (r.ended_at as string | null) ?? null,
  };
}

function callOf(r: Raw): CallRecord {
  return {
    id: r.id as string,
    ticketId: r.ticket_id as string,
    day: r.day as string,
    windowNo: r.window_no as number,
    clerkId: r.clerk_id as string,
    calledAt: r.called_at as string,
    lastCalledAt: r.last_called_at as string,
    recalls: r.recalls as number,
    endedAt: (r.ended_at as string | null) ?? null,
    outcome: (r.outcome as CallOutcome | null) ?? null,
    transferTo: (r.transfer_to as number | null) ?? null,
    first: r.first === 1,
    waitSec: (r.wait_sec as number | null) ?? null,
    serviceSec: (r.service_sec as number | null) ?? null,
  };
}

function appointmentOf(r: Raw): AppointmentRecord {
  return {
    id: r.id as string,
    day: r.day as string,
    slotStart: r.slot_start as string,
    slotEnd: r.slot_end as string,
    category: r.category as string,
    name: r.name as string,
    idNumber: r.id_number as string,
    personId: (r.person_id as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    code: r.code as string,
    status: r.status as AppointmentRecord['status'],
    ticketId: (r.ticket_id as string | null) ?? null,
    createdBy: r.created_by as string,
    createdAt: r.created_at as string,
  };
}

function ratingOf(r: Raw): RatingRecord {
  return {
    id: r.id as string,
    subject: r.subject as RatingSubject,
    ticketId: (r.ticket_id as string | null) ?? null,
    caseId: (r.case_id as string | null) ?? null,
    caseNos: JSON.parse(r.case_nos as string) as string[],
    day: r.day as string,
    windowNo: (r.window_no as number | null) ?? null,
    clerkId: (r.clerk_id as string | null) ?? null,
    level: r.level as RatingLevel,
    reasons: JSON.parse(r.reasons as string) as RatingReason[],
    comment: (r.comment as string | null) ?? null,
    rater: r.rater as Rater,
    deviceId: r.device_id as string,
    at: r.at as string,
    version: r.version as number,
  };
}

function followUpOf(r: Raw): FollowUpRecord {
  return {
    id: r.id as string,
    ratingId: r.rating_id as string,
    status: r.status as FollowUpStatus,
    openedOn: r.opened_on as string,
    visitDue: r.visit_due as string,
    rectifyDue: r.rectify_due as string,
    visitAt: (r.visit_at as string | null) ?? null,
    visitBy: (r.visit_by as string | null) ?? null,
    visitNote: (r.visit_note as string | null) ?? null,
    rectifyAt: (r.rectify_at as string | null) ?? null,
    rectifyBy: (r.rectify_by as string | null) ?? null,
    rectifyNote: (r.rectify_note as string | null) ?? null,
    appealAt: (r.appeal_at as string | null) ?? null,
    appealText: (r.appeal_text as string | null) ?? null,
    appealOutcome: (r.appeal_outcome as AppealOutcome | null) ?? null,
    appealNote: (r.appeal_note as string | null) ?? null,
    appealDecidedAt: (r.appeal_decided_at as string | null) ?? null,
    appealDecidedBy: (r.appeal_decided_by as string | null) ?? null,
    version: r.version as number,
    updatedAt: r.updated_at as string,
  };
}

function deviceOf(r: Raw): DeviceRecord {
  return {
    id: r.id as string,
    kind: r.kind as DeviceKind,
    name: r.name as string,
    windowNo: (r.window_no as number | null) ?? null,
    keyHash: r.key_hash as string,
    createdBy: r.created_by as string,
    createdAt: r.created_at as string,
    revokedAt: (r.revoked_at as string | null) ?? null,
    lastSeenAt: (r.last_seen_at as string | null) ?? null,
  };
}

export class FrontRepo {
  constructor(private readonly db: Db) {}

  private readonly stmts = new Map<string, Stmt>();
  /** Statements prepared on first use and kept (the front office is not on the intake's hot path). */
  private q(sql: string): Stmt {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare<unknown[], unknown>(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  // — hall —

  categories(): TicketCategory[] {
    return (this.q('SELECT code, letter, name, sort, active FROM ticket_categories ORDER BY sort, code').all() as Raw[]).map((r) => ({
      code: r.code as string,
      letter: r.letter as string,
      name: r.name as string,
      sort: r.sort as number,
      active: bool(r.active),
    }));
  }

  windows(): ServiceWindow[] {
    return (this.q('SELECT no, name, categories, active FROM service_windows ORDER BY no').all() as Raw[]).map((r) => ({
      no: r.no as number,
      name: r.name as string,
      categories: JSON.parse(r.categories as string) as string[],
      active: bool(r.active),
    }));
  }

  /**
   * Replace the hall's configuration. A category that tickets or appointments refer to is kept, retired (inactive),
   * when left out; the others are deleted.
   */
  saveHall(categories: readonly TicketCategory[], windows: readonly ServiceWindow[], at: string): void {
    const keep = new Set(categories.map((c) => c.code));
    // Letters are unique among active categories only: deactivate all first, so two categories may swap letters.
    this.q('UPDATE ticket_categories SET active = 0').run();
    for (const old of this.categories()) {
      if (keep.has(old.code)) continue;
      const used = (this.q('SELECT EXISTS (SELECT 1 FROM tickets WHERE category = ?) OR EXISTS (SELECT 1 FROM appointments WHERE category = ?) AS n').get(old.code, old.code) as { n: number }).n;
      if (used) this.q('UPDATE ticket_categories SET updated_at = ? WHERE code = ?').run(at, old.code);
      else this.q('DELETE FROM ticket_categories WHERE code = ?').run(old.code);
    }
    for (const c of categories) {
      this.q(
        `INSERT INTO ticket_categories(code, letter, name, sort, active, updated_at) VALUES (@code, @letter, @name, @sort, @active, @at)
         ON CONFLICT(code) DO UPDATE SET letter = excluded.letter, name = excluded.name, sort = excluded.sort, active = excluded.active, updated_at = excluded.updated_at`,
      ).run({ code: c.code, letter: c.letter, name: c.name, sort: c.sort, active: c.active ? 1 : 0, at });
    }
    this.q('DELETE FROM service_windows').run();
    for (const w of windows) {
      this.q('INSERT INTO service_windows(no, name, categories, active, updated_at) VALUES (?, ?, ?, ?, ?)').run(w.no, w.name, JSON.stringify(w.categories), w.active ? 1 : 0, at);
    }
  }

  // — tickets —

  nextSeq(day: string, category: string): number {
    return (this.q('SELECT coalesce(max(seq), 0) + 1 AS n FROM tickets WHERE day = ? AND category = ?').get(day, category) as { n: number }).n;
  }

  insertTicket(t: TicketRecord): void {
    this.q(
      `INSERT INTO tickets(id, day, category, seq, number, source, priority, appointment_id, slot_start, person_id, name, status, target_window,
         transferred_at, window_no, clerk_id, issued_by, issued_at, called_at, ended_at)
       VALUES (@id, @day, @category, @seq, @number, @source, @priority, @appointmentId, @slotStart, @personId, @name, @status, @targetWindow,
         @transferredAt, @windowNo, @clerkId, @issuedBy, @issuedAt, @calledAt, @endedAt)`,
    ).run(t);
  }

  ticketById(id: string): TicketRecord | null {
    const r = this.q('SELECT * FROM tickets WHERE id = ?').get(id) as Raw | undefined;
    return r ? ticketOf(r) : null;
  }

  ticketsOfDay(day: string): TicketRecord[] {
    return (this.q('SELECT * FROM tickets WHERE day = ? ORDER BY issued_at, id').all(day) as Raw[]).map(ticketOf);
  }

  waitingOfDay(day: string): TicketRecord[] {
    return (this.q("SELECT * FROM tickets WHERE day = ? AND status = 'waiting'").all(day) as Raw[]).map(ticketOf);
  }

  updateTicket(t: Pick<TicketRecord, 'id' | 'status' | 'targetWindow' | 'transferredAt' | 'windowNo' | 'clerkId' | 'calledAt' | 'endedAt'>): void {
    this.q(
      `UPDATE tickets SET status = @status, target_window = @targetWindow, transferred_at = @transferredAt, window_no = @windowNo,
         clerk_id = @clerkId, called_at = @calledAt, ended_at = @endedAt WHERE id = @id`,
    ).run(t);
  }

  // — calls —

  openCall(windowNo: number): CallRecord | null {
    const r = this.q('SELECT * FROM ticket_calls WHERE window_no = ? AND ended_at IS NULL').get(windowNo) as Raw | undefined;
    return r ? callOf(r) : null;
  }

  insertCall(c: CallRecord): void {
    this.q(
      `INSERT INTO ticket_calls(id, ticket_id, day, window_no, clerk_id, called_at, last_called_at, recalls, ended_at, outcome, transfer_to, first, wait_sec, service_sec)
       VALUES (@id, @ticketId, @day, @windowNo, @clerkId, @calledAt, @lastCalledAt, @recalls, @endedAt, @outcome, @transferTo, @first, @waitSec, @serviceSec)`,
    ).run({ ...c, first: c.first ? 1 : 0 });
  }

  recall(callId: string, at: string): void {
    this.q('UPDATE ticket_calls SET last_called_at = ?, recalls = recalls + 1 WHERE id = ?').run(at, callId);
  }

  endCall(callId: string, at: string, outcome: CallOutcome, transferTo: number | null, serviceSec: number): void {
    this.q('UPDATE ticket_calls SET ended_at = ?, outcome = ?, transfer_to = ?, service_sec = ? WHERE id = ? AND ended_at IS NULL').run(at, outcome, transferTo, serviceSec, callId);
  }

  callsOfTicket(ticketId: string): CallRecord[] {
    return (this.q('SELECT * FROM ticket_calls WHERE ticket_id = ? ORDER BY called_at').all(ticketId) as Raw[]).map(callOf);
  }

  /** The latest calls of a day (newest first): the public board. */
  recentCalls(day: string, limit: number): (CallRecord & { number: string; name: string | null })[] {
    return (
      this.q(
        `SELECT c.*, t.number AS t_number, t.name AS t_name FROM ticket_calls c JOIN tickets t ON t.id = c.ticket_id
         WHERE c.day = ? ORDER BY c.last_called_at DESC, c.id DESC LIMIT ?`,
      ).all(day, limit) as Raw[]
    ).map((r) => ({ ...callOf(r), number: r.t_number as string, name: (r.t_name as string | null) ?? null }));
  }

  /** Open calls of every window: who is at which window now. */
  openCalls(): (CallRecord & { number: string })[] {
    return (this.q('SELECT c.*, t.number AS t_number FROM ticket_calls c JOIN tickets t ON t.id = c.ticket_id WHERE c.ended_at IS NULL').all() as Raw[]).map((r) => ({
      ...callOf(r),
      number: r.t_number as string,
    }));
  }

  // — 一窗通办 —

  linkCase(ticketId: string, caseId: string, at: string): boolean {
    return this.q('INSERT INTO ticket_cases(ticket_id, case_id, linked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(ticketId, caseId, at).changes > 0;
  }

  caseNosOfTicket(ticketId: string): string[] {
    return (this.q('SELECT c.case_no FROM ticket_cases tc JOIN cases c ON c.id = tc.case_id WHERE tc.ticket_id = ? ORDER BY tc.linked_at, c.case_no').all(ticketId) as { case_no: string }[]).map(
      (r) => r.case_no,
    );
  }

  caseIdsOfTicket(ticketId: string): string[] {
    return (this.q('SELECT case_id FROM ticket_cases WHERE ticket_id = ? ORDER BY linked_at').all(ticketId) as { case_id: string }[]).map((r) => r.case_id);
  }

  /** Cases a clerk created in [from, to] (inclusive): those taken in while a call was open. */
  casesCreatedBy(clerkId: string, from: string, to: string): { id: string; caseNo: string }[] {
    return (this.q('SELECT id, case_no FROM cases WHERE clerk_id = ? AND created_at >= ? AND created_at <= ? ORDER BY created_at').all(clerkId, from, to) as { id: string; case_no: string }[]).map(
      (r) => ({ id: r.id, caseNo: r.case_no }),
    );
  }

  caseNoOf(caseId: string): string | null {
    return (this.q('SELECT case_no FROM cases WHERE id = ?').get(caseId) as { case_no: string } | undefined)?.case_no ?? null;
  }

  // — appointments —

  insertAppointment(a: AppointmentRecord): void {
    this.q(
      `INSERT INTO appointments(id, day, slot_start, slot_end, category, name, id_number, person_id, phone, code, status, ticket_id, created_by, created_at)
       VALUES (@id, @day, @slotStart, @slotEnd, @category, @name, @idNumber, @personId, @phone, @code, @status, @ticketId, @createdBy, @createdAt)`,
    ).run(a);
  }

  appointmentById(id: string): AppointmentRecord | null {
    const r = this.q('SELECT * FROM appointments WHERE id = ?').get(id) as Raw | undefined;
    return r ? appointmentOf(r) : null;
  }

  appointmentsOfDay(day: string): AppointmentRecord[] {
    return (this.q('SELECT * FROM appointments WHERE day = ? ORDER BY slot_start, created_at').all(day) as Raw[]).map(appointmentOf);
  }

  /** Today's booked appointment by ID number or by code (the earliest slot first). */
  bookedAppointment(day: string, by: { idNumber?: string; code?: string }): AppointmentRecord | null {
    const r = (
      by.code !== undefined
        ? this.q("SELECT * FROM appointments WHERE day = ? AND code = ? AND status = 'booked'").get(day, by.code)
        : this.q("SELECT * FROM appointments WHERE day = ? AND id_number = ? AND status = 'booked' ORDER BY slot_start LIMIT 1").get(day, by.idNumber ?? '')
    ) as Raw | undefined;
    return r ? appointmentOf(r) : null;
  }

  codeTaken(day: string, code: string): boolean {
    return (this.q('SELECT count(*) AS n FROM appointments WHERE day = ? AND code = ?').get(day, code) as { n: number }).n > 0;
  }

  setAppointmentStatus(id: string, status: AppointmentRecord['status'], ticketId: string | null): void {
    this.q('UPDATE appointments SET status = ?, ticket_id = ? WHERE id = ?').run(status, ticketId, id);
  }

  // — ratings —

  insertRating(r: RatingRecord): void {
    this.q(
      `INSERT INTO ratings(id, subject, ticket_id, case_id, case_nos, day, window_no, clerk_id, level, reasons, comment, rater, device_id, at, version)
       VALUES (@id, @subject, @ticketId, @caseId, @caseNos, @day, @windowNo, @clerkId, @level, @reasons, @comment, @rater, @deviceId, @at, @version)`,
    ).run({ ...r, caseNos: JSON.stringify(r.caseNos), reasons: JSON.stringify(r.reasons) });
  }

  /** Keep the higher version of a rating central sent back (a station restored from nothing gets its ratings again). */
  upsertRating(r: RatingRecord): boolean {
    const have = this.ratingById(r.id);
    if (have && have.version >= r.version) return false;
    if (have) this.q('DELETE FROM ratings WHERE id = ?').run(r.id);
    this.insertRating(r);
    return true;
  }

  ratingById(id: string): RatingRecord | null {
    const r = this.q('SELECT * FROM ratings WHERE id = ?').get(id) as Raw | undefined;
    return r ? ratingOf(r) : null;
  }

  ratingExists(subject: RatingSubject, ticketId: string | null, caseId: string | null): boolean {
    const r =
      subject === 'ticket'
        ? this.q('SELECT count(*) AS n FROM ratings WHERE ticket_id = ?').get(ticketId)
        : this.q("SELECT count(*) AS n FROM ratings WHERE subject = 'hand_out' AND case_id = ?").get(caseId);
    return (r as { n: number }).n > 0;
  }

  ratingsBetween(from: string, to: string): RatingRecord[] {
    return (this.q('SELECT * FROM ratings WHERE day >= ? AND day <= ? ORDER BY at DESC').all(from, to) as Raw[]).map(ratingOf);
  }

  // — follow-ups —

  insertFollowUp(f: FollowUpRecord): void {
    this.q(
      `INSERT INTO rating_followups(id, rating_id, status, opened_on, visit_due, rectify_due, visit_at, visit_by, visit_note, rectify_at, rectify_by,
         rectify_note, appeal_at, appeal_text, appeal_outcome, appeal_note, appeal_decided_at, appeal_decided_by, version, updated_at)
       VALUES (@id, @ratingId, @status, @openedOn, @visitDue, @rectifyDue, @visitAt, @visitBy, @visitNote, @rectifyAt, @rectifyBy,
         @rectifyNote, @appealAt, @appealText, @appealOutcome, @appealNote, @appealDecidedAt, @appealDecidedBy, @version, @updatedAt)`,
    ).run(f);
  }

  /** Write a follow-up's new state; false when its version moved since it was read. */
  updateFollowUp(f: FollowUpRecord, expectVersion: number): boolean {
    return (
      this.q(
        `UPDATE rating_followups SET status = @status, visit_at = @visitAt, visit_by = @visitBy, visit_note = @visitNote, rectify_at = @rectifyAt,
           rectify_by = @rectifyBy, rectify_note = @rectifyNote, appeal_at = @appealAt, appeal_text = @appealText, appeal_outcome = @appealOutcome,
           appeal_note = @appealNote, appeal_decided_at = @appealDecidedAt, appeal_decided_by = @appealDecidedBy, version = @version,
           updated_at = @updatedAt
         WHERE id = @id AND version = @expectVersion`,
      ).run({ ...f, expectVersion }).changes === 1
    );
  }

  upsertFollowUp(f: FollowUpRecord): boolean {
    const have = this.followUpById(f.id);
    if (have && have.version >= f.version) return false;
    if (have) return this.updateFollowUp(f, have.version);
    this.insertFollowUp(f);
    return true;
  }

  followUpById(id: string): FollowUpRecord | null {
    const r = this.q('SELECT * FROM rating_followups WHERE id = ?').get(id) as Raw | undefined;
    return r ? followUpOf(r) : null;
  }

  /** Open follow-ups, and (all) those closed on or after `closedSince`. */
  followUps(all: boolean, closedSince: string): FollowUpRecord[] {
    const sql = all
      ? "SELECT * FROM rating_followups WHERE status != 'closed' OR updated_at >= ? ORDER BY opened_on DESC, id DESC"
      : "SELECT * FROM rating_followups WHERE status != 'closed' AND ? IS NOT NULL ORDER BY visit_due, rectify_due, id";
    return (this.q(sql).all(closedSince) as Raw[]).map(followUpOf);
  }

  /** Open follow-ups and how many are overdue on `today`. */
  followUpCounts(today: string): { open: number; overdue: number } {
    const r = this.q(
      `SELECT count(*) AS open,
         coalesce(sum((visit_at IS NULL AND visit_due < @today) OR (rectify_at IS NULL AND rectify_due < @today)), 0) AS overdue
       FROM rating_followups WHERE status != 'closed'`,
    ).get({ today }) as { open: number; overdue: number };
    return r;
  }

  // — rating prompts —

  setPrompt(p: PromptRecord): void {
    this.q(
      `INSERT INTO rating_prompts(window_no, subject, ticket_id, case_id, clerk_id, requested_at) VALUES (@windowNo, @subject, @ticketId, @caseId, @clerkId, @requestedAt)
       ON CONFLICT(window_no) DO UPDATE SET subject = excluded.subject, ticket_id = excluded.ticket_id, case_id = excluded.case_id,
         clerk_id = excluded.clerk_id, requested_at = excluded.requested_at`,
    ).run(p);
  }

  prompt(windowNo: number): PromptRecord | null {
    const r = this.q('SELECT * FROM rating_prompts WHERE window_no = ?').get(windowNo) as Raw | undefined;
    if (!r) return null;
    return {
      windowNo: r.window_no as number,
      subject: r.subject as RatingSubject,
      ticketId: (r.ticket_id as string | null) ?? null,
      caseId: (r.case_id as string | null) ?? null,
      clerkId: r.clerk_id as string,
      requestedAt: r.requested_at as string,
    };
  }

  clearPrompt(windowNo: number): void {
    this.q('DELETE FROM rating_prompts WHERE window_no = ?').run(windowNo);
  }

  // — devices —

  insertDevice(d: DeviceRecord): void {
    this.q(
      `INSERT INTO devices(id, kind, name, window_no, key_hash, created_by, created_at, revoked_at, last_seen_at)
       VALUES (@id, @kind, @name, @windowNo, @keyHash, @createdBy, @createdAt, @revokedAt, @lastSeenAt)`,
    ).run(d);
  }

  deviceById(id: string): DeviceRecord | null {
    const r = this.q('SELECT * FROM devices WHERE id = ?').get(id) as Raw | undefined;
    return r ? deviceOf(r) : null;
  }

  deviceByKeyHash(hash: string): DeviceRecord | null {
    const r = this.q('SELECT * FROM devices WHERE key_hash = ?').get(hash) as Raw | undefined;
    return r ? deviceOf(r) : null;
  }

  devices(): DeviceRecord[] {
    return (this.q('SELECT * FROM devices ORDER BY revoked_at IS NOT NULL, kind, name').all() as Raw[]).map(deviceOf);
  }

  revokeDevice(id: string, at: string): void {
    this.q('UPDATE devices SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?').run(at, id);
  }

  touchDevice(id: string, at: string): void {
    this.q('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(at, id);
  }

  // — figures —

  /** Tickets issued in [from, to] (days), by status, priority and source. */
  ticketCounts(from: string, to: string): { issued: number; served: number; skipped: number; priority: number; appointments: number } {
    return this.q(
      `SELECT count(*) AS issued, coalesce(sum(status = 'served'), 0) AS served, coalesce(sum(status = 'skipped'), 0) AS skipped,
         coalesce(sum(priority IS NOT NULL), 0) AS priority, coalesce(sum(source = 'appointment'), 0) AS appointments
       FROM tickets WHERE day >= ? AND day <= ?`,
    ).get(from, to) as { issued: number; served: number; skipped: number; priority: number; appointments: number };
  }

  /** Every call of the days [from, to]: its window, whether it was the ticket's first, its waiting and service seconds. */
  callFigures(from: string, to: string): CallFigureRow[] {
    return (this.q('SELECT window_no, first, wait_sec, service_sec, outcome FROM ticket_calls WHERE day >= ? AND day <= ?').all(from, to) as Raw[]).map((r) => ({
      windowNo: r.window_no as number,
      first: r.first === 1,
      waitSec: (r.wait_sec as number | null) ?? null,
      serviceSec: (r.service_sec as number | null) ?? null,
      outcome: (r.outcome as CallOutcome | null) ?? null,
    }));
  }

  /** Tickets issued and served per day (or per hour for a single day: `byHour`). */
  ticketSeries(from: string, to: string, byHour: boolean): { key: string; issued: number; served: number }[] {
    const key = byHour ? 'substr(issued_at, 12, 2)' : 'day';
    return this.q(`SELECT ${key} AS key, count(*) AS issued, coalesce(sum(status = 'served'), 0) AS served FROM tickets WHERE day >= ? AND day <= ? GROUP BY 1`).all(
      from,
      to,
    ) as { key: string; issued: number; served: number }[];
  }

  /** Ratings per level of the days [from, to], and how many bad ones were set aside by an upheld appeal. */
  ratingCounts(from: string, to: string): { level: number; n: number; setAside: number }[] {
    return this.q(
      `SELECT r.level, count(*) AS n, coalesce(sum(f.appeal_outcome = 'upheld'), 0) AS setAside
       FROM ratings r LEFT JOIN rating_followups f ON f.rating_id = r.id WHERE r.day >= ? AND r.day <= ? GROUP BY r.level`,
    ).all(from, to) as { level: number; n: number; setAside: number }[];
  }

  ratingSeries(from: string, to: string, byHour: boolean): { key: string; ratings: number; good: number }[] {
    const key = byHour ? 'substr(at, 12, 2)' : 'day';
    return this.q(`SELECT ${key} AS key, count(*) AS ratings, coalesce(sum(level >= 3), 0) AS good FROM ratings WHERE day >= ? AND day <= ? GROUP BY 1`).all(from, to) as {
      key: string;
      ratings: number;
      good: number;
    }[];
  }

  /** Cases taken in (accepted) on the days [from, to], by family and item (the daily aggregate). */
  casesTakenIn(from: string, to: string): { family: string; itemCode: string; n: number }[] {
    return (
      this.q(`SELECT family, item_code, sum(n) AS n FROM stats_intake_days WHERE day >= ? AND day <= ? GROUP BY family, item_code HAVING sum(n) > 0`).all(from, to) as Raw[]
    ).map((r) => ({ family: r.family as string, itemCode: r.item_code as string, n: r.n as number }));
  }

  /** Cases taken in per day of [from, to], or per hour of the single day `from` (`byHour`: read from the acceptance times). */
  caseSeries(from: string, to: string, byHour: boolean): { key: string; n: number }[] {
    if (!byHour) return this.q('SELECT day AS key, sum(n) AS n FROM stats_intake_days WHERE day >= ? AND day <= ? GROUP BY day').all(from, to) as { key: string; n: number }[];
    return this.q(
      `SELECT substr(accepted_at, 12, 2) AS key, count(*) AS n FROM cases INDEXED BY cases_accepted_day WHERE accepted_at IS NOT NULL AND accepted_at >= ? AND accepted_at < ? GROUP BY 1`,
    ).all(`${from}T00:00:00.000+08:00`, `${addDays(from, 1)}T00:00:00.000+08:00`) as { key: string; n: number }[];
  }

  /** Completions (办结) on the days [from, to], and how many met their due day (the daily aggregate). */
  completions(from: string, to: string): { completed: number; onTime: number } {
    return this.q('SELECT coalesce(sum(completed), 0) AS completed, coalesce(sum(on_time), 0) AS onTime FROM stats_completion_days WHERE day >= ? AND day <= ?').get(from, to) as {
      completed: number;
      onTime: number;
    };
  }

  /** Cases of the given (open) statuses whose due day is before `today` (the per-status, per-due-day aggregate). */
  overdueCount(openStatuses: readonly string[], today: string): number {
    return (
      this.q('SELECT coalesce(sum(n), 0) AS n FROM stats_due_days WHERE status IN (SELECT value FROM json_each(?)) AND due_day < ?').get(JSON.stringify(openStatuses), today) as {
        n: number;
      }
    ).n;
  }

  /** Cases still awaiting 容缺 materials whose promise day is on or before `until` (the partial index cases_promises). */
  promisesDue(until: string): number {
    return (this.q("SELECT count(*) AS n FROM cases INDEXED BY cases_promises WHERE status = 'awaiting_materials' AND promise_date <= ?").get(until) as { n: number }).n;
  }

  // — days sent to central —

  frontDay(day: string): { version: number; hash: string } | null {
    return (this.q('SELECT version, hash FROM front_days WHERE day = ?').get(day) as { version: number; hash: string } | undefined) ?? null;
  }

  setFrontDay(day: string, version: number, hash: string, at: string): void {
    this.q('INSERT INTO front_days(day, version, hash, sent_at) VALUES (?, ?, ?, ?) ON CONFLICT(day) DO UPDATE SET version = excluded.version, hash = excluded.hash, sent_at = excluded.sent_at').run(
      day,
      version,
      hash,
      at,
    );
  }

  /** Days before `before` with tickets whose figures were never written to the outbox. */
  unsentDays(before: string): string[] {
    return (this.q('SELECT DISTINCT t.day FROM tickets t WHERE t.day < ? AND NOT EXISTS (SELECT 1 FROM front_days d WHERE d.day = t.day) ORDER BY t.day').all(before) as { day: string }[]).map(
      (r) => r.day,
    );
  }
}
