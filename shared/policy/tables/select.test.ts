import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_TABLES } from './defaults';
import { findOverlaps, inForce } from './overlap';
import { selectTable } from './select';

describe('selectTable', () => {
  it.each([
    // The resident primary-level ratio changed on 2023-05-01: the day before uses the old table.
    ['inpatient', '2023-04-30', 'SAMPLE-2020'],
    ['inpatient', '2023-05-01', 'SAMPLE-2023.05'],
    ['inpatient', '2020-01-01', 'SAMPLE-2020'],
    ['outpatient', '2023-04-30', 'SAMPLE-2020'],
    ['contribution', '2022-12-31', 'SAMPLE-2021'],
    ['contribution', '2024-12-31', 'SAMPLE-2024'],
    ['contribution', '2025-01-01', 'SAMPLE-2025'],
    ['waiting_period', '2024-12-31', 'SAMPLE-2020'],
    ['waiting_period', '2031-06-30', 'SAMPLE-2025'],
    ['out_of_area', '2020-08-01', 'SAMPLE-2020.08'],
  ] as const)('%s on %s → %s', (kind, on, version) => {
    const r = selectTable(DEFAULT_POLICY_TABLES, kind, '999999', on);
    expect(r.ok && r.table.version).toBe(version);
  });

  it('says clearly when no table is in force', () => {
    expect(selectTable(DEFAULT_POLICY_TABLES, 'inpatient', '999999', '2019-12-31')).toEqual({
      ok: false,
      message: '区划 999999 在 2019-12-31 没有生效的“住院待遇”政策表',
    });
    // Out-of-area rules apply to admissions from 2020-08-01 only.
    expect(selectTable(DEFAULT_POLICY_TABLES, 'out_of_area', '999999', '2020-07-31').ok).toBe(false);
    // Another region has no tables: never silently the sample's.
    expect(selectTable(DEFAULT_POLICY_TABLES, 'inpatient', '371000', '2024-01-01')).toEqual({
      ok: false,
      message: '区划 371000 在 2024-01-01 没有生效的“住院待遇”政策表',
    });
  });

  it('refuses an unchecked set with two tables in force', () => {
    const extra = { ...DEFAULT_POLICY_TABLES.find((t) => t.kind === 'maternity')!, version: 'X' };
    const r = selectTable([...DEFAULT_POLICY_TABLES, extra], 'maternity', '999999', '2024-01-01');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('多张生效');
  });
});

describe('effective periods', () => {
  const t = (from: string, to: string | null, version = from) => ({ kind: 'inpatient', regionCode: '999999', version, effectiveFrom: from, effectiveTo: to });

  it('are inclusive at the start and exclusive at the end', () => {
    expect(inForce(t('2023-05-01', '2024-01-01'), '2023-05-01')).toBe(true);
    expect(inForce(t('2023-05-01', '2024-01-01'), '2023-12-31')).toBe(true);
    expect(inForce(t('2023-05-01', '2024-01-01'), '2024-01-01')).toBe(false);
    expect(inForce(t('2023-05-01', null), '2099-01-01')).toBe(true);
  });

  it.each([
    ['back to back', [t('2020-01-01', '2023-05-01'), t('2023-05-01', null)], 0],
    ['a gap between', [t('2020-01-01', '2021-01-01'), t('2022-01-01', null)], 0],
    ['one day shared', [t('2020-01-01', '2023-05-02'), t('2023-05-01', null)], 1],
    ['two open-ended', [t('2020-01-01', null), t('2030-01-01', null)], 1],
    ['one inside another', [t('2020-01-01', '2030-01-01'), t('2022-01-01', '2023-01-01')], 1],
    ['three at once', [t('2020-01-01', null, 'a'), t('2021-01-01', null, 'b'), t('2022-01-01', null, 'c')], 3],
  ])('%s → %i overlaps', (_name, tables, n) => {
    expect(findOverlaps(tables)).toHaveLength(n);
  });
});
