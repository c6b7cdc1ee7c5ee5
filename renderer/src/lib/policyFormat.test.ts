import { describe, expect, it } from 'vitest';
import { isLocalizedText, isYearDay, percentText, tableColumns, unitOf } from './policyFormat';

describe('policy figures as read', () => {
  it('knows money and ratios by the key, inherited below', () => {
    expect(unitOf('deductibleFen', null)).toBe('fen');
    expect(unitOf('ratioBp', null)).toBe('bp');
    expect(unitOf('level1', 'fen')).toBe('fen');
    expect(unitOf('fixedMonths', null)).toBeNull();
  });

  it('writes basis points as a percentage', () => {
    expect(percentText(8500)).toBe('85%');
    expect(percentText(8550)).toBe('85.5%');
    expect(percentText(8525)).toBe('85.25%');
    expect(percentText(0)).toBe('0%');
  });

  it('recognises texts, days of the year, and lists that are tables', () => {
    expect(isLocalizedText({ 'zh-CN': '财政', en: 'the treasury' })).toBe(true);
    expect(isYearDay({ yearOffset: -1, month: 9, day: 1 })).toBe(true);
    expect(tableColumns([{ uptoFen: 2000000, ratioBp: 7000 }, { uptoFen: null, ratioBp: 8000 }])).toEqual(['uptoFen', 'ratioBp']);
    expect(tableColumns([[0, 1]])).toBeNull();
    expect(tableColumns([{ a: { b: 1 } }])).toBeNull();
  });
});
