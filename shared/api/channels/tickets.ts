import { z } from 'zod';
import { channel } from '../channel';
import { InstantSchema, LocalDateSchema, UuidSchema } from '../../cases/model';
import { PriorityReasonSchema, ServiceWindowSchema, TicketCategorySchema, TicketSourceSchema, TicketStatusSchema } from '../../front/tickets';
import { LINE_CLASSES } from '../../front/line';

/**
 * tickets.*: the hall's waiting line (取号, 叫号), its categories and windows, appointments (预约). Who may call
 * which is shared/access.ts; the kiosk and the customer display reach only what their narrow credential allows
 * (tickets.issue, tickets.checkIn, tickets.board), and never a name beyond its masked form.
 */

const WindowNoSchema = z.number({ error: '请选择窗口' }).int().min(1, '窗口号应在 1–99 之间').max(99, '窗口号应在 1–99 之间');

export const HallSchema = z.strictObject({
  categories: z.array(TicketCategorySchema).max(26),
  windows: z.array(ServiceWindowSchema).max(99),
});
export type Hall = z.infer<typeof HallSchema>;

export const ticketsHall = channel({
  summary: "The hall's ticket categories (letters) and windows (which categories each serves)",
  write: false,
  input: z.strictObject({}),
  output: HallSchema,
});

export const ticketsSaveHall = channel({
  summary: 'Change the ticket categories and windows (supervisor); audited',
  write: true,
  input: HallSchema,
  output: HallSchema,
});

/** What the kiosk and the clerk get for a new ticket: printed on the receipt; no personal data. */
export const IssuedTicketSchema = z.strictObject({
  id: UuidSchema,
  number: z.string(),
  category: z.string(),
  categoryName: z.string(),
  issuedAt: InstantSchema,
  priority: PriorityReasonSchema.nullable(),
  /** Appointment slot ("10:00–10:30") for a checked-in appointment. */
  slot: z.string().nullable(),
  waitingAhead: z.number().int().min(0),
  stationName: z.string(),
});
export type IssuedTicket = z.infer<typeof IssuedTicketSchema>;

export const ticketsIssue = channel({
  summary: 'Take a ticket (取号) at the kiosk or for a walk-in; 70+ from the ID number, other green-lane reasons declared',
  write: true,
  input: z.strictObject({
    category: z.string().min(1, '请选择业务类别').max(32),
    /** Declared green-lane reason (disability, serving military, pregnancy; 70+ also when typed by the clerk). */
    priority: PriorityReasonSchema.nullable().default(null),
    /** Read at the kiosk or typed by the clerk: gives 70+ by itself, and links the person when known. Not stored. */
    idNumber: z.string().trim().max(32).optional(),
    /** The person's name (clerk), for the masked name on the display. */
    name: z.string().trim().max(50).optional(),
  }),
  output: IssuedTicketSchema,
});

export const ticketsCheckIn = channel({
  summary: "Check in today's appointment (预约签到) by ID number or booking code: a ticket that heads its category at the slot",
  write: true,
  input: z.strictObject({
    idNumber: z.string().trim().max(32).optional(),
    code: z.string().trim().regex(/^\d{6}$/, '预约码为 6 位数字').optional(),
  }),
  output: IssuedTicketSchema,
});

/** A call as the public board shows it. */
export const BoardCallSchema = z.strictObject({
  /** The call's id: a recall keeps it and moves `at`. */
  id: UuidSchema,
  number: z.string(),
  windowNo: z.number().int(),
  windowName: z.string(),
  maskedName: z.string().nullable(),
  /** When it was (last) called: the display announces a call it has not announced at this time. */
  at: InstantSchema,
  /** "请 A012 号 到 2 号窗口 办理". */
  text: z.string(),
});
export type BoardCall = z.infer<typeof BoardCallSchema>;

/** The public board (叫号屏, 取号机): no personal data beyond masked names. */
export const BoardSchema = z.strictObject({
  stationName: z.string(),
  day: LocalDateSchema,
  categories: z.array(z.strictObject({ code: z.string(), letter: z.string(), name: z.string(), waiting: z.number().int().min(0) })),
  windows: z.array(
    z.strictObject({ no: z.number().int(), name: z.string(), open: z.boolean(), current: z.string().nullable(), categories: z.array(z.string()) }),
  ),
  /** The latest calls, newest first (at most 8). */
  calls: z.array(BoardCallSchema),
  waitingTotal: z.number().int().min(0),
});
export type Board = z.infer<typeof BoardSchema>;

export const ticketsBoard = channel({
  summary: 'The public board: who is called to which window, waiting per category, open windows (masked names only)',
  write: false,
  input: z.strictObject({}),
  output: BoardSchema,
});

/** A ticket as the clerk's calling bar shows the one being served. */
export const ServingTicketSchema = z.strictObject({
  id: UuidSchema,
  callId: UuidSchema,
  number: z.string(),
  category: z.string(),
  categoryName: z.string(),
  priority: PriorityReasonSchema.nullable(),
  source: TicketSourceSchema,
  personId: UuidSchema.nullable(),
  /** As given at issue (the clerk serves this person). */
  name: z.string().nullable(),
  calledAt: InstantSchema,
  recalls: z.number().int().min(0),
  /** Cases taken in during this call so far, and cases linked to the ticket (一窗通办). */
  caseNos: z.array(z.string()),
  transferredFrom: z.number().int().nullable(),
});
export type ServingTicket = z.infer<typeof ServingTicketSchema>;

export const WindowStateSchema = z.strictObject({
  windowNo: z.number().int(),
  windowName: z.string(),
  categories: z.array(z.string()),
  serving: ServingTicketSchema.nullable(),
  /** The next few this window would call, in order. */
  next: z.array(z.strictObject({ number: z.string(), lineClass: z.enum(LINE_CLASSES), priority: PriorityReasonSchema.nullable() })),
  waiting: z.number().int().min(0),
  /** Other open windows (transfer targets). */
  otherWindows: z.array(z.strictObject({ no: z.number().int(), name: z.string() })),
  /** The last call's announcement text (what the display says). */
  announcement: z.string().nullable(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const ticketsWindow = channel({
  summary: "A window's calling bar: the ticket being served, the next in line, the open windows",
  write: false,
  input: z.strictObject({ windowNo: WindowNoSchema }),
  output: WindowStateSchema,
});

const windowAction = (summary: string) =>
  channel({
    summary,
    write: true,
    input: z.strictObject({ windowNo: WindowNoSchema }),
    output: WindowStateSchema,
  });

export const ticketsCall = windowAction('F2 call next (the ticket being served, if any, ends as served); audited');
export const ticketsRecall = windowAction('F3 call the ticket being served again');
export const ticketsSkip = windowAction('F4 skip (过号): the called ticket did not come; audited');
export const ticketsFinish = windowAction('End the service of the ticket being served (served) without calling the next; audited');

export const ticketsTransfer = channel({
  summary: 'F5 transfer the ticket being served to another window (head of its line there); audited',
  write: true,
  input: z.strictObject({ windowNo: WindowNoSchema, toWindow: WindowNoSchema }),
  output: WindowStateSchema,
});

export const ticketsLinkCase = channel({
  summary: 'Link a case to a ticket (一窗通办: several cases in one visit); cases taken in during a call are linked by themselves',
  write: true,
  input: z.strictObject({ ticketId: UuidSchema, caseId: UuidSchema }),
  output: z.strictObject({ caseNos: z.array(z.string()) }),
});

export const TicketRowSchema = z.strictObject({
  id: UuidSchema,
  number: z.string(),
  category: z.string(),
  source: TicketSourceSchema,
  priority: PriorityReasonSchema.nullable(),
  status: TicketStatusSchema,
  maskedName: z.string().nullable(),
  windowNo: z.number().int().nullable(),
  targetWindow: z.number().int().nullable(),
  issuedAt: InstantSchema,
  calledAt: InstantSchema.nullable(),
  endedAt: InstantSchema.nullable(),
  caseNos: z.array(z.string()),
});
export type TicketRow = z.infer<typeof TicketRowSchema>;

export const ticketsList = channel({
  summary: "A day's tickets (masked names), for the hall manager",
  write: false,
  input: z.strictObject({ day: LocalDateSchema.optional() }),
  output: z.strictObject({ day: LocalDateSchema, tickets: z.array(TicketRowSchema) }),
});

export const AppointmentSchema = z.strictObject({
  id: UuidSchema,
  day: LocalDateSchema,
  slotStart: z.string(),
  slotEnd: z.string(),
  category: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phone: z.string().nullable(),
  code: z.string(),
  status: z.enum(['booked', 'checked_in', 'cancelled']),
  ticketNumber: z.string().nullable(),
});
export type Appointment = z.infer<typeof AppointmentSchema>;

const HhMmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');

export const ticketsAppointments = channel({
  summary: "A day's appointments (预约); audited (names and ID numbers)",
  write: false,
  input: z.strictObject({ day: LocalDateSchema }),
  output: z.array(AppointmentSchema),
});

export const ticketsBook = channel({
  summary: 'Book an appointment (预约): a day, a slot, a category and a person; gives a 6-digit booking code; audited',
  write: true,
  input: z
    .strictObject({
      day: LocalDateSchema,
      slotStart: HhMmSchema,
      slotEnd: HhMmSchema,
      category: z.string().min(1, '请选择业务类别').max(32),
      name: z.string().trim().min(1, '请填写姓名').max(50),
      idNumber: z.string().trim().min(1, '请填写证件号码').max(32),
      phone: z.string().trim().max(20).optional(),
    })
    .refine((a) => a.slotStart < a.slotEnd, { message: '结束时间应晚于开始时间', path: ['slotEnd'] }),
  output: AppointmentSchema,
});

export const ticketsCancelAppointment = channel({
  summary: 'Cancel an appointment not yet checked in; audited',
  write: true,
  input: z.strictObject({ id: UuidSchema }),
  output: AppointmentSchema,
});
