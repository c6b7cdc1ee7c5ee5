import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_TABLES } from './defaults';

/**
 * What the policy-tables screen shows users of the shipped tables — names, sources, notes on each figure, payers,
 * ways to pay — speaks of policy, never of the program: no file names, no development documents.
 */
const DEV_REFERENCE = /DOMAIN|\.md\b|\.tsx?\b|seeds\/|TODO|FIXME|github|https?:\/\//i;

function texts(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) texts(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) texts(x, out);
  return out;
}

describe('shipped policy tables as users read them', () => {
  it('carry no development references', () => {
    const found = DEFAULT_POLICY_TABLES.flatMap((t) => texts({ name: t.regionName, source: t.source, provenance: t.provenance, body: t.body }).filter((s) => DEV_REFERENCE.test(s)).map((s) => `${t.kind} ${t.version}: ${s}`));
    expect(found).toEqual([]);
  });

  it('the check finds one', () => {
    expect(DEV_REFERENCE.test('多地的做法（DOMAIN.md）')).toBe(true);
    expect(DEV_REFERENCE.test('威海市规划（seeds/002）')).toBe(true);
    expect(DEV_REFERENCE.test('国家规定')).toBe(false);
  });
});
