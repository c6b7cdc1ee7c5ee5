import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_TABLES, SAMPLE_REGION_CODE } from './defaults';
import { PolicyTableSchema, PolicyTableSetSchema, type PolicyTable } from './schema';
import { cloneTable } from '../test-support';

function tableOf<K extends PolicyTable['kind']>(kind: K, version?: string): Extract<PolicyTable, { kind: K }> {
  const t = DEFAULT_POLICY_TABLES.find((x) => x.kind === kind && (version === undefined || x.version === version));
  if (!t) throw new Error(`no default ${kind} ${version ?? ''}`);
  return cloneTable(t) as Extract<PolicyTable, { kind: K }>;
}

/** Every leaf figure of a body (numbers, booleans, strings of enums), as dotted paths. */
function leafPaths(v: unknown, prefix = ''): string[] {
  if (v === null || typeof v !== 'object') return [prefix];
  if (Array.isArray(v)) {
    // An array is one figure when its items are scalars (e.g. a list of groups); otherwise look inside.
    if (v.every((x) => x === null || typeof x !== 'object')) return [prefix];
    return v.flatMap((x, i) => leafPaths(x, prefix === '' ? String(i) : `${prefix}.${i}`));
  }
  const entries = Object.entries(v as Record<string, unknown>);
  // LocalizedText (a payer's name) is wording, not a figure.
  if (entries.every(([k]) => k === 'zh-CN' || k === 'en')) return [];
  return entries.flatMap(([k, x]) => leafPaths(x, prefix === '' ? k : `${prefix}.${k}`));
}

describe('default policy tables', () => {
  it('are a valid set with no overlaps', () => {
    const r = PolicyTableSetSchema.safeParse(DEFAULT_POLICY_TABLES);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it('belong to the clearly marked SAMPLE region', () => {
    for (const t of DEFAULT_POLICY_TABLES) {
      expect(t.sample).toBe(true);
      expect(t.regionCode).toBe(SAMPLE_REGION_CODE);
      expect(t.regionName['zh-CN']).toContain('示例');
    }
  });

  it('say where every figure comes from, seed or assumed', () => {
    for (const t of DEFAULT_POLICY_TABLES) {
      const covered = t.provenance.map((p) => p.path);
      const uncovered = leafPaths(t.body)
        .filter((leaf) => !leaf.endsWith('.mode') && !leaf.endsWith('deductibleBasis'))
        .filter((leaf) => !covered.some((p) => leaf === p || leaf.startsWith(`${p}.`)));
      expect({ table: `${t.kind} ${t.version}`, uncovered }).toEqual({ table: `${t.kind} ${t.version}`, uncovered: [] });
    }
  });

  it('mark assumptions with a note', () => {
    const assumed = DEFAULT_POLICY_TABLES.flatMap((t) => t.provenance.filter((p) => p.assumed));
    expect(assumed.length).toBeGreaterThan(10);
    for (const p of assumed) expect(p.note.length).toBeGreaterThan(3);
  });

  it('carry several effective-dated versions of one kind', () => {
    const versions = (kind: string) => DEFAULT_POLICY_TABLES.filter((t) => t.kind === kind).map((t) => `${t.effectiveFrom}…${t.effectiveTo ?? ''}`);
    expect(versions('inpatient')).toEqual(['2020-01-01…2023-05-01', '2023-05-01…']);
    expect(versions('contribution')).toEqual(['2020-01-01…2021-01-01', '2021-01-01…2023-01-01', '2023-01-01…2024-01-01', '2024-01-01…2025-01-01', '2025-01-01…']);
    expect(versions('waiting_period')).toEqual(['2020-01-01…2025-01-01', '2025-01-01…']);
  });

  it('hold the seed figures', () => {
    const inpatient = tableOf('inpatient', 'SAMPLE-2023.05').body;
    expect(inpatient.resident.ratioBp.level1).toBe(8_500); // 基层 85% from 2023-05-01
    expect(tableOf('inpatient', 'SAMPLE-2020').body.resident.ratioBp.level1).toBe(8_000);
    expect(inpatient.employee.annualCapFen).toBe(50_000_000); // 500,000 yuan
    expect(inpatient.resident.annualCapByTierFen).toEqual({ tier1: 20_000_000, tier2: 30_000_000, minor: 20_000_000 });
    expect(tableOf('contribution', 'SAMPLE-2021').body.amountsFen).toEqual({ tier1: 45_000, tier2: 65_000, minor: 20_000, student: 20_000 });
    expect(tableOf('medical_assistance').body.annualCapFen).toBe(5_000_000);
    expect(tableOf('out_of_area').body.rules.offsite_unfiled).toMatchObject({ personFirstBp: 3_000, asLevel: 'level3' });
    expect(tableOf('maternity').body.deliveryFen.employee).toEqual({ vaginal: 280_000, caesarean: 380_000 });
  });
});

describe('PolicyTableSchema refuses bad tables', () => {
  const cases: { name: string; table: () => unknown; path: (string | number)[] }[] = [
    {
      name: 'a ratio above 100%',
      table: () => {
        const t = tableOf('inpatient', 'SAMPLE-2023.05');
        t.body.resident.ratioBp.level1 = 10_001;
        return t;
      },
      path: ['body', 'resident', 'ratioBp', 'level1'],
    },
    {
      name: 'a fractional fen',
      table: () => {
        const t = tableOf('maternity');
        t.body.prenatalFen.employee = 800.5;
        return t;
      },
      path: ['body', 'prenatalFen', 'employee'],
    },
    {
      name: 'an end not after the start',
      table: () => ({ ...tableOf('inpatient', 'SAMPLE-2020'), effectiveTo: '2020-01-01' }),
      path: ['effectiveTo'],
    },
    {
      name: 'a region code that is not 6 digits',
      table: () => ({ ...tableOf('maternity'), regionCode: '99999' }),
      path: ['regionCode'],
    },
    {
      name: 'a matrix whose level drops when a grade gets worse',
      table: () => {
        const t = tableOf('ltc_assessment');
        t.body.matrix[3] = [3, 3, 2, 5];
        return t;
      },
      path: ['body', 'matrix', 3, 2],
    },
    {
      name: 'thresholds out of order',
      table: () => {
        const t = tableOf('ltc_assessment');
        t.body.thresholds.cognition = { intact: 16, mild: 4, moderate: 12 };
        return t;
      },
      path: ['body', 'thresholds', 'cognition'],
    },
    {
      name: 'band limits that do not increase',
      table: () => {
        const t = tableOf('medical_assistance');
        t.body.bands.dibao = [
          { uptoFen: 2_000_000, ratioBp: 7_000 },
          { uptoFen: 1_000_000, ratioBp: 7_500 },
          { uptoFen: null, ratioBp: 8_000 },
        ];
        return t;
      },
      path: ['body', 'bands', 'dibao', 1, 'uptoFen'],
    },
    {
      name: 'a last band that is not open',
      table: () => {
        const t = tableOf('critical_illness');
        t.body.bands = [{ uptoFen: 10_000_000, ratioBp: 6_000 }];
        return t;
      },
      path: ['body', 'bands', 0, 'uptoFen'],
    },
    {
      name: 'a collection period ending before it starts',
      table: () => {
        const t = tableOf('contribution', 'SAMPLE-2021');
        t.body.collectionPeriod.to = { yearOffset: -1, month: 12, day: 31 };
        return t;
      },
      path: ['body', 'collectionPeriod', 'to'],
    },
    {
      name: 'a day that is not in the calendar',
      table: () => {
        const t = tableOf('contribution', 'SAMPLE-2021');
        t.body.collectionPeriod.to = { yearOffset: 0, month: 4, day: 31 };
        return t;
      },
      path: ['body', 'collectionPeriod', 'to', 'day'],
    },
    {
      name: 'a provenance path that is not in the body',
      table: () => {
        const t = tableOf('maternity');
        t.provenance.push({ path: 'prenatalFen.retiree', assumed: true, note: 'no such figure' });
        return t;
      },
      path: ['provenance', t0('maternity').provenance.length, 'path'],
    },
    {
      name: 'an unknown kind',
      table: () => ({ ...tableOf('maternity'), kind: 'dental' }),
      path: ['kind'],
    },
    {
      name: 'a body of another kind',
      table: () => ({ ...tableOf('maternity'), body: tableOf('inpatient', 'SAMPLE-2020').body }),
      path: ['body'],
    },
  ];

  it.each(cases)('$name', ({ table, path }) => {
    const r = PolicyTableSchema.safeParse(table());
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.slice(0, path.length))).toContainEqual(path);
  });
});

function t0<K extends PolicyTable['kind']>(kind: K): Extract<PolicyTable, { kind: K }> {
  return tableOf(kind);
}

describe('PolicyTableSetSchema', () => {
  it('refuses two tables of one kind and region in force on the same day', () => {
    const extra = { ...tableOf('inpatient', 'SAMPLE-2023.05'), version: 'SAMPLE-2023.01', effectiveFrom: '2023-01-01' };
    const r = PolicyTableSetSchema.safeParse([...DEFAULT_POLICY_TABLES, extra]);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]?.message).toMatch(/inpatient tables of region 999999 overlap/);
  });

  it('allows the same periods in another region', () => {
    const other = DEFAULT_POLICY_TABLES.map((t) => ({ ...cloneTable(t), regionCode: '371000', sample: true }));
    expect(PolicyTableSetSchema.safeParse([...DEFAULT_POLICY_TABLES, ...other]).success).toBe(true);
  });
});
