import { describe, expect, it } from 'vitest';
import { compareInLine, lineClass, lineForWindow, nextForWindow, waitingAhead, type LineTicket } from './line';

const T = (hhmm: string) => `2026-11-23T${hhmm}:00.000+08:00`;

function ticket(id: string, over: Partial<LineTicket> = {}): LineTicket {
  return {
    id,
    category: 'enrollment',
    number: id,
    status: 'waiting',
    priority: null,
    slotStart: null,
    issuedAt: T('09:00'),
    targetWindow: null,
    transferredAt: null,
    ...over,
  };
}

const W1 = { no: 1, categories: ['enrollment', 'reimbursement'] };
const W2 = { no: 2, categories: ['care'] };

describe('line order: which ticket a window calls next', () => {
  const cases: { name: string; tickets: LineTicket[]; window?: typeof W1; now?: string; order: string[] }[] = [
    {
      name: 'normal tickets first come first served',
      tickets: [ticket('A003', { issuedAt: T('09:03') }), ticket('A001', { issuedAt: T('09:01') }), ticket('A002', { issuedAt: T('09:02') })],
      order: ['A001', 'A002', 'A003'],
    },
    {
      name: 'green lane before the normal line, by issue time among themselves',
      tickets: [
        ticket('A001', { issuedAt: T('09:01') }),
        ticket('A002', { issuedAt: T('09:02'), priority: 'age70' }),
        ticket('A003', { issuedAt: T('09:03') }),
        ticket('A004', { issuedAt: T('09:04'), priority: 'pregnant' }),
      ],
      order: ['A002', 'A004', 'A001', 'A003'],
    },
    {
      name: 'an appointment goes to the head at its slot, before the green lane',
      now: T('10:00'),
      tickets: [
        ticket('A001', { issuedAt: T('09:01'), priority: 'disability' }),
        ticket('A002', { issuedAt: T('09:40'), slotStart: T('10:00') }),
        ticket('A003', { issuedAt: T('09:03') }),
      ],
      order: ['A002', 'A001', 'A003'],
    },
    {
      name: 'an appointment checked in before its slot waits in the normal line by check-in time',
      now: T('09:30'),
      tickets: [ticket('A001', { issuedAt: T('09:01') }), ticket('A002', { issuedAt: T('09:20'), slotStart: T('10:00') }), ticket('A003', { issuedAt: T('09:25'), priority: 'military' })],
      order: ['A003', 'A001', 'A002'],
    },
    {
      name: 'appointments among themselves by slot start',
      now: T('11:00'),
      tickets: [ticket('A001', { issuedAt: T('09:01'), slotStart: T('10:30') }), ticket('A002', { issuedAt: T('08:59'), slotStart: T('10:00') })],
      order: ['A002', 'A001'],
    },
    {
      name: 'a ticket transferred to this window comes first, whatever its category',
      now: T('10:00'),
      tickets: [
        ticket('A001', { issuedAt: T('09:01'), priority: 'age70' }),
        ticket('C001', { category: 'care', issuedAt: T('09:30'), targetWindow: 1, transferredAt: T('09:50') }),
        ticket('A002', { issuedAt: T('09:02'), slotStart: T('09:30') }),
      ],
      order: ['C001', 'A002', 'A001'],
    },
    {
      name: 'a ticket transferred to another window is not called here, even of a category served here',
      tickets: [ticket('A001', { targetWindow: 2, transferredAt: T('09:10') }), ticket('A002', { issuedAt: T('09:05') })],
      order: ['A002'],
    },
    {
      name: 'only the categories the window serves',
      tickets: [ticket('C001', { category: 'care', issuedAt: T('08:30') }), ticket('B001', { category: 'reimbursement', issuedAt: T('09:10') }), ticket('A001', { issuedAt: T('09:05') })],
      order: ['A001', 'B001'],
    },
    {
      name: 'skipped (过号), served and called tickets have left the line',
      tickets: [
        ticket('A001', { issuedAt: T('09:01'), status: 'skipped' }),
        ticket('A002', { issuedAt: T('09:02'), status: 'served' }),
        ticket('A003', { issuedAt: T('09:03'), status: 'called' }),
        ticket('A004', { issuedAt: T('09:04') }),
      ],
      order: ['A004'],
    },
    {
      name: 'the other window sees its own category only',
      window: W2,
      tickets: [ticket('A001'), ticket('C002', { category: 'care', issuedAt: T('09:02') }), ticket('C001', { category: 'care', issuedAt: T('09:01'), priority: 'age70' })],
      order: ['C001', 'C002'],
    },
  ];

  it.each(cases)('$name', ({ tickets, window, now, order }) => {
    const w = window ?? W1;
    const at = now ?? T('10:00');
    expect(lineForWindow(tickets, w, at).map((t) => t.number)).toEqual(order);
    expect(nextForWindow(tickets, w, at)?.number ?? null).toBe(order[0] ?? null);
  });

  it('a recall changes nothing: the called ticket stays out of the line and the next is the same', () => {
    const tickets = [ticket('A001', { status: 'called' }), ticket('A002', { issuedAt: T('09:05') })];
    const before = nextForWindow(tickets, W1, T('10:00'))?.number;
    // A recall only announces A001 again: the same tickets, the same answer.
    expect(nextForWindow(tickets, W1, T('10:01'))?.number).toBe(before);
    expect(before).toBe('A002');
  });

  it('classes of the line', () => {
    const now = T('10:00');
    expect(lineClass(ticket('x', { targetWindow: 1 }), now)).toBe('transfer');
    expect(lineClass(ticket('x', { slotStart: T('10:00') }), now)).toBe('appointment');
    expect(lineClass(ticket('x', { slotStart: T('10:01') }), now)).toBe('normal');
    expect(lineClass(ticket('x', { slotStart: T('10:01'), priority: 'age70' }), now)).toBe('priority');
    expect(lineClass(ticket('x'), now)).toBe('normal');
  });

  it('order is total and stable on equal times (by id)', () => {
    const a = ticket('a');
    const b = ticket('b');
    expect(compareInLine(a, b, T('10:00'))).toBeLessThan(0);
    expect(compareInLine(b, a, T('10:00'))).toBeGreaterThan(0);
    expect(compareInLine(a, a, T('10:00'))).toBe(0);
  });
});

describe('waiting ahead (what the kiosk prints)', () => {
  const line = [
    ticket('A001', { issuedAt: T('09:01') }),
    ticket('A002', { issuedAt: T('09:02'), status: 'called' }),
    ticket('A003', { issuedAt: T('09:03') }),
    ticket('B001', { category: 'reimbursement', issuedAt: T('09:00') }),
    ticket('A004', { issuedAt: T('09:04'), priority: 'age70' }),
    ticket('A005', { issuedAt: T('09:05'), targetWindow: 2, transferredAt: T('09:30') }),
  ];
  it.each([
    ['A001', 1],
    ['A003', 2],
    ['A004', 0],
    ['B001', 0],
    ['A005', 0],
  ] as const)('%s has %i ahead', (id, n) => {
    const t = line.find((x) => x.id === id)!;
    expect(waitingAhead(line, t, T('10:00'))).toBe(n);
  });
});
