import { describe, expect, it } from 'vitest';
import { findItem } from './catalog/default-catalog';
import { formSchema } from './catalog/form';
import { DEFAULT_POLICY_TABLES } from './policy/tables/defaults';
import { PolicyTableSchema } from './policy/tables/schema';
import { AssistanceCategorySchema, HardshipGroupSchema } from './policy/vocab';

/** An older version's JSON: every code name `tuopin` written `lifted`, as before the one name was chosen. */
const asOlderVersion = <T>(v: T): unknown => JSON.parse(JSON.stringify(v).replaceAll('"tuopin"', '"lifted"').replaceAll('.tuopin', '.lifted'));

describe('older code names read as today’s (a mixed fleet: station and central upgraded at different times)', () => {
  it('a form pushed by an older station: 脱贫人口 as `lifted` is taken as `tuopin`', () => {
    const item = findItem('resident_enrollment')!;
    const field = item.fields.find((f) => f.key === 'hardshipGroup')!;
    const schema = formSchema([field], { today: '2026-11-23', partial: true });
    const r = schema.safeParse({ hardshipGroup: 'lifted' });
    expect(r.success && r.data).toEqual({ hardshipGroup: 'tuopin' });
  });

  it('only where today’s name is one of the choices: elsewhere `lifted` is still not a choice', () => {
    expect(HardshipGroupSchema.parse('lifted')).toBe('tuopin');
    expect(AssistanceCategorySchema.parse('lifted')).toBe('tuopin');
    const item = findItem('resident_enrollment')!;
    const other = item.fields.find((f) => f.type === 'enum' && !f.options.some((o) => o.value === 'tuopin'))!;
    const schema = formSchema([other], { today: '2026-11-23', partial: true });
    expect(schema.safeParse({ [other.key]: 'lifted' }).success).toBe(false);
  });

  it('a policy table published by an older central reads the same as today’s (keys, values and provenance paths)', () => {
    const tables = DEFAULT_POLICY_TABLES.filter((t) => JSON.stringify(t).includes('tuopin'));
    expect(tables.map((t) => t.kind).sort()).toEqual(expect.arrayContaining(['contribution', 'medical_assistance']));
    for (const table of tables) {
      const older = asOlderVersion(table);
      expect(JSON.stringify(older)).toContain('lifted');
      const read = PolicyTableSchema.safeParse(older);
      expect(read.success, `${table.kind} ${table.version}: ${read.success ? '' : JSON.stringify(read.error.issues[0])}`).toBe(true);
      expect(read.data).toEqual(PolicyTableSchema.parse(table));
    }
  });
});
