import { describe, expect, it } from 'vitest';
import { DEFAULT_TICKET_CATEGORIES, defaultWindows, hallConfigProblem, priorityFromIdNumber, ticketNumber } from './tickets';
import { residentIdCheckCharacter } from '../identity';

const rid = (birth: string) => {
  const body = `371002${birth.replaceAll('-', '')}001`;
  return body + residentIdCheckCharacter(body);
};

describe('ticket numbers', () => {
  it.each([
    ['A', 1, 'A001'],
    ['A', 12, 'A012'],
    ['D', 999, 'D999'],
    ['B', 1000, 'B1000'],
  ] as const)('%s + %i → %s', (letter, seq, want) => expect(ticketNumber(letter, seq)).toBe(want));
  it('refuses a bad letter or sequence', () => {
    expect(() => ticketNumber('a', 1)).toThrow(RangeError);
    expect(() => ticketNumber('A', 0)).toThrow(RangeError);
  });
});

describe('green lane from the ID number', () => {
  it.each([
    { birth: '1956-11-23', today: '2026-11-23', want: 'age70', why: '70 today' },
    { birth: '1956-11-24', today: '2026-11-23', want: null, why: '70 tomorrow' },
    { birth: '1940-01-01', today: '2026-11-23', want: 'age70', why: '86' },
    { birth: '1990-05-05', today: '2026-11-23', want: null, why: '36' },
  ])('$why', ({ birth, today, want }) => expect(priorityFromIdNumber(rid(birth), today)).toBe(want));
  it('an invalid number gives nothing', () => {
    expect(priorityFromIdNumber('110105194912310021', '2026-11-23')).toBeNull();
  });
});

describe('hall configuration', () => {
  const cats = [...DEFAULT_TICKET_CATEGORIES];
  it('the defaults are consistent', () => {
    expect(hallConfigProblem(cats, defaultWindows(cats))).toBeNull();
  });
  it.each([
    { name: 'a letter used twice', c: [...cats.slice(0, 3), { ...cats[3]!, letter: 'A' }], w: defaultWindows(cats), field: 'categories.3.letter' },
    { name: 'a code used twice', c: [...cats.slice(0, 3), { ...cats[3]!, code: 'care' }], w: defaultWindows(cats), field: 'categories.3.code' },
    { name: 'a window number twice', c: cats, w: [...defaultWindows(cats), { no: 1, name: '3号', categories: ['care'], active: true }], field: 'windows.2.no' },
    { name: 'an unknown category at a window', c: cats, w: [{ no: 1, name: '1号', categories: ['nope'], active: true }], field: 'windows.0.categories.0' },
    { name: 'an active category no open window serves', c: cats, w: [{ no: 1, name: '1号', categories: ['enrollment'], active: true }], field: 'windows' },
    { name: 'no active category', c: cats.map((x) => ({ ...x, active: false })), w: defaultWindows(cats), field: 'categories' },
  ])('$name → $field', ({ c, w, field }) => {
    expect(hallConfigProblem(c, w)?.field).toBe(field);
  });
});
