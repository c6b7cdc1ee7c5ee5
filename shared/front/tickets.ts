import { z } from 'zod';
import { deriveAge, validatePersonId } from '../identity';
import type { LocalDate } from '../time';

/**
 * The waiting line of a service hall (取号 / 叫号): categories with their letter, the windows that serve them,
 * tickets and their numbers. Pure rules; the store is db/repos/front.ts, the service core/features/tickets.
 */

/** A service category of the kiosk (参保登记, 待遇报销 …): its letter starts every ticket number (A012). */
export const TicketCategorySchema = z.strictObject({
  /** Stable code (lower case, digits, `_`). */
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, '类别代码只能包含小写字母、数字和下划线，以字母开头'),
  letter: z.string().trim().regex(/^[A-Z]$/, '字母应为一个大写英文字母（A–Z）'),
  name: z.string().trim().min(1, '请填写类别名称').max(20, '类别名称最多 20 个字'),
  /** Order of the buttons on the kiosk. */
  sort: z.number().int().min(0).max(999),
  active: z.boolean(),
});
export type TicketCategory = z.infer<typeof TicketCategorySchema>;

/** The categories a new station starts with (the supervisor changes them). */
export const DEFAULT_TICKET_CATEGORIES: readonly TicketCategory[] = [
  { code: 'enrollment', letter: 'A', name: '参保登记', sort: 10, active: true },
  { code: 'reimbursement', letter: 'B', name: '待遇报销', sort: 20, active: true },
  { code: 'care', letter: 'C', name: '长期护理', sort: 30, active: true },
  { code: 'consult', letter: 'D', name: '综合咨询', sort: 40, active: true },
];

/** A service window (窗口) of the hall: its number as called out, and the categories it serves. */
export const ServiceWindowSchema = z.strictObject({
  no: z.number().int().min(1, '窗口号应在 1–99 之间').max(99, '窗口号应在 1–99 之间'),
  name: z.string().trim().min(1, '请填写窗口名称').max(20, '窗口名称最多 20 个字'),
  categories: z.array(z.string()).min(1, '每个窗口至少办理一个类别').max(26),
  active: z.boolean(),
});
export type ServiceWindow = z.infer<typeof ServiceWindowSchema>;

/** Windows a new station starts with: two windows (a town station has at least two staff), serving everything. */
export function defaultWindows(categories: readonly TicketCategory[]): ServiceWindow[] {
  const all = categories.map((c) => c.code);
  return [
    { no: 1, name: '1号窗口', categories: all, active: true },
    { no: 2, name: '2号窗口', categories: all, active: true },
  ];
}

/** 绿色通道: who is served before the normal line of their category. */
export const PRIORITY_REASONS = ['age70', 'disability', 'military', 'pregnant'] as const;
export const PriorityReasonSchema = z.enum(PRIORITY_REASONS);
export type PriorityReason = z.infer<typeof PriorityReasonSchema>;

export const PRIORITY_REASON_NAMES: Record<PriorityReason, string> = {
  age70: '70岁及以上老年人',
  disability: '残疾人',
  military: '现役军人',
  pregnant: '孕妇',
};

/** The age from which the green lane is a right. */
export const PRIORITY_AGE = 70;

/** Where a ticket came from: the kiosk, a clerk (a walk-in), or an appointment checked in at the kiosk. */
export const TICKET_SOURCES = ['kiosk', 'clerk', 'appointment'] as const;
export const TicketSourceSchema = z.enum(TICKET_SOURCES);
export type TicketSource = z.infer<typeof TicketSourceSchema>;

/**
 * A ticket's state: waiting in line, called to a window (and being served there), or ended — served, or skipped
 * (过号: called and not there). A transfer ends the service at one window and puts the ticket back in line for
 * the other one (waiting, with its target window).
 */
export const TICKET_STATUSES = ['waiting', 'called', 'served', 'skipped'] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

/** How one call of a ticket at a window ended. */
export const CALL_OUTCOMES = ['served', 'skipped', 'transferred'] as const;
export const CallOutcomeSchema = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

/** Ticket number as printed and called: the category's letter and a three-digit daily sequence (A012; 1000+ as is). */
export function ticketNumber(letter: string, seq: number): string {
  if (!/^[A-Z]$/.test(letter)) throw new RangeError(`not a category letter: ${letter}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`not a ticket sequence: ${seq}`);
  return `${letter}${String(seq).padStart(3, '0')}`;
}

/**
 * The green-lane reason an identity number gives by itself (70 and over on `today`), or null: a number that does
 * not validate, or a younger person. Other reasons (disability, military, pregnancy) are declared and recorded.
 */
export function priorityFromIdNumber(idNumber: string, today: LocalDate): PriorityReason | null {
  const r = validatePersonId(idNumber, today);
  if (!r.ok) return null;
  return deriveAge(r.birthDate, today) >= PRIORITY_AGE ? 'age70' : null;
}

/** What is wrong with a set of categories and windows, as one Chinese sentence naming the field, or null. */
export function hallConfigProblem(categories: readonly TicketCategory[], windows: readonly ServiceWindow[]): { field: string; message: string } | null {
  const codes = new Set<string>();
  const letters = new Set<string>();
  for (const [i, c] of categories.entries()) {
    if (codes.has(c.code)) return { field: `categories.${i}.code`, message: `类别代码“${c.code}”重复` };
    if (letters.has(c.letter)) return { field: `categories.${i}.letter`, message: `字母 ${c.letter} 已被其他类别使用，每个类别的号码字母应不同` };
    codes.add(c.code);
    letters.add(c.letter);
  }
  if (!categories.some((c) => c.active)) return { field: 'categories', message: '至少要有一个启用的取号类别' };
  const nos = new Set<number>();
  for (const [i, w] of windows.entries()) {
    if (nos.has(w.no)) return { field: `windows.${i}.no`, message: `窗口号 ${w.no} 重复` };
    nos.add(w.no);
    for (const [j, code] of w.categories.entries()) {
      if (!codes.has(code)) return { field: `windows.${i}.categories.${j}`, message: `${w.name}办理的类别“${code}”不存在` };
    }
  }
  const served = new Set(windows.filter((w) => w.active).flatMap((w) => w.categories));
  const orphan = categories.find((c) => c.active && !served.has(c.code));
  if (orphan) return { field: 'windows', message: `启用的类别“${orphan.name}”没有任何开放窗口办理，取了号将无人叫号` };
  return null;
}
