import type { FormField, ScalarField } from '../../../../shared/catalog/types';
import { fieldApplies, type FormValues } from '../../../../shared/catalog/form';

/**
 * The sections a case page shows its form in (read-only): the application's answers, the dates, the care and its
 * diagnosis (hospital, level, where, why), the payout account — each in the catalog's field order — and the tables
 * (invoice lines) on their own. Fields that do not apply to the answers given are left out.
 */
export const SECTION_IDS = ['application', 'dates', 'care', 'bank'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

const CARE = /hospital|institution|diagnos|icd|disease|procedure|delivery|babyCount|difficultBirth|outOfArea|careType|outpatientCategory|manualReason|accident|emergency/i;

export function sectionOf(f: ScalarField): SectionId {
  if (f.key.startsWith('bank')) return 'bank';
  if (f.type === 'date') return 'dates';
  if (CARE.test(f.key)) return 'care';
  return 'application';
}

export type RowsFieldDef = Extract<FormField, { type: 'rows' }>;

export function formSections(fields: readonly FormField[], values: FormValues): { sections: { id: SectionId; fields: ScalarField[] }[]; tables: RowsFieldDef[] } {
  const applying = fields.filter((f) => fieldApplies(f, values));
  const sections = SECTION_IDS.map((id) => ({ id, fields: applying.filter((f): f is ScalarField => f.type !== 'rows' && sectionOf(f) === id) })).filter((s) => s.fields.length > 0);
  return { sections, tables: applying.filter((f): f is RowsFieldDef => f.type === 'rows') };
}

/** The totals of a table's money columns (fen), for the totals row. */
export function columnTotals(field: RowsFieldDef, rows: readonly Record<string, unknown>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of field.columns) {
    if (c.type !== 'money') continue;
    out[c.key] = rows.reduce((sum, r) => sum + (typeof r[c.key] === 'number' ? (r[c.key] as number) : 0), 0);
  }
  return out;
}

/** An account number as the page shows it before a reveal: the last four digits. */
export function maskAccount(v: string): string {
  const digits = v.replace(/\s+/g, '');
  return digits.length <= 4 ? '*'.repeat(digits.length) : `**** **** ${digits.slice(-4)}`;
}
