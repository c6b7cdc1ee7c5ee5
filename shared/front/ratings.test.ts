import { describe, expect, it } from 'vitest';
import { defaultCalendar, WorkingCalendar } from '../calendar';
import { followUpAfter, followUpDeadlines, followUpFlags, isBadRating, ratingProblem } from './ratings';

describe('follow-up deadlines on the working calendar', () => {
  it.each([
    // An ordinary week: the next working day, and 15 working days later.
    { ratedOn: '2026-11-23', visitDue: '2026-11-24', rectifyDue: '2026-12-14', why: 'Monday of an ordinary week' },
    // The National Day holiday (1–7 Oct 2026) and the make-up Saturday 10 Oct (调休).
    { ratedOn: '2026-09-30', visitDue: '2026-10-08', rectifyDue: '2026-10-27', why: 'the eve of National Day: the holiday is not counted, 10 Oct (a Saturday) is' },
    { ratedOn: '2026-10-03', visitDue: '2026-10-08', rectifyDue: '2026-10-27', why: 'rated on a holiday: counted from the next working day' },
    // Spring Festival 2026: off 15–23 Feb, make-up working Saturdays 14 and 28 Feb.
    { ratedOn: '2026-02-13', visitDue: '2026-02-14', rectifyDue: '2026-03-12', why: 'before Spring Festival: the make-up Saturday is a working day' },
    { ratedOn: '2026-11-27', visitDue: '2026-11-30', rectifyDue: '2026-12-18', why: 'a Friday: the visit is due on Monday' },
  ])('$ratedOn → visit $visitDue, rectify $rectifyDue ($why)', ({ ratedOn, visitDue, rectifyDue }) => {
    const d = followUpDeadlines(defaultCalendar, ratedOn);
    expect(d.visitDue).toBe(visitDue);
    expect(d.rectifyDue).toBe(rectifyDue);
    expect(d.estimatedYears).toEqual([]);
  });

  it('says when a year has no official calendar (Monday–Friday assumed)', () => {
    const d = followUpDeadlines(new WorkingCalendar([]), '2026-09-30');
    // Without the holiday data, 1 Oct is just a Thursday.
    expect(d.visitDue).toBe('2026-10-01');
    expect(d.estimatedYears).toEqual([2026]);
  });
});

describe('follow-up flags', () => {
  const f = { status: 'open' as const, visitDue: '2026-10-08', rectifyDue: '2026-10-27', visitedOn: null, rectifiedOn: null };
  it.each([
    { today: '2026-10-08', over: {}, overdue: false, late: false, why: 'due today is not overdue' },
    { today: '2026-10-09', over: {}, overdue: true, late: false, why: 'the visit is owed past its day' },
    { today: '2026-10-09', over: { visitedOn: '2026-10-08', status: 'visited' as const }, overdue: false, late: false, why: 'visited on time' },
    { today: '2026-10-20', over: { visitedOn: '2026-10-09', status: 'visited' as const }, overdue: false, late: true, why: 'visited a day late' },
    { today: '2026-10-28', over: { visitedOn: '2026-10-08', status: 'visited' as const }, overdue: true, late: false, why: 'rectification owed past its day' },
    { today: '2026-11-30', over: { visitedOn: '2026-10-08', rectifiedOn: '2026-10-27', status: 'closed' as const }, overdue: false, late: false, why: 'closed on time' },
  ])('$why', ({ today, over, overdue, late }) => {
    const flags = followUpFlags({ ...f, ...over }, today);
    expect(flags.overdue).toBe(overdue);
    expect(flags.late).toBe(late);
  });

  it('steps in order: visit, then rectify', () => {
    expect(followUpAfter('open', 'visit')).toBe('visited');
    expect(followUpAfter('open', 'rectify')).toBeNull();
    expect(followUpAfter('visited', 'rectify')).toBe('closed');
    expect(followUpAfter('visited', 'visit')).toBeNull();
    expect(followUpAfter('closed', 'rectify')).toBeNull();
  });
});

describe('what a rating must carry', () => {
  it.each([
    { level: 5 as const, reasons: [], comment: null, field: null },
    { level: 3 as const, reasons: [], comment: null, field: null },
    { level: 4 as const, reasons: ['attitude' as const], comment: null, field: 'reasons' },
    { level: 2 as const, reasons: [], comment: null, field: 'reasons' },
    { level: 1 as const, reasons: ['efficiency' as const, 'attitude' as const], comment: null, field: null },
    { level: 1 as const, reasons: ['other' as const], comment: '  ', field: 'comment' },
    { level: 1 as const, reasons: ['other' as const], comment: '排队太久', field: null },
  ])('level $level with $reasons → $field', ({ level, reasons, comment, field }) => {
    expect(ratingProblem(level, reasons, comment)?.field ?? null).toBe(field);
  });

  it('差评 is the bottom two', () => {
    expect([5, 4, 3, 2, 1].map((l) => isBadRating(l as 1))).toEqual([false, false, false, true, true]);
  });
});
