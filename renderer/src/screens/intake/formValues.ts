import type { CatalogItem, FormField, ScalarField } from '../../../../shared/catalog/types';
import { fieldApplies, itemFormSchema, type FormValues } from '../../../../shared/catalog/form';
import { formatYuan, parseYuan } from '../../../../shared/money';
import { todayShanghai } from '../../lib/dates';
import { zodFieldErrors, type FieldErrors } from '../../lib/errors';

/**
 * What the generated form holds while the clerk types: text for every scalar (amounts in yuan, booleans as
 * 'yes' / 'no'), arrays for multi-choice, and rows of text for tables. Converted to the item's typed values
 * (amounts in fen) only when validated or sent.
 */
export type UiRow = Record<string, string>;
export type UiValue = string | string[] | UiRow[];
export type UiValues = Record<string, UiValue>;

export function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

const MONEY_ERRORS = { empty: '必填', format: '金额格式不对（如 1234.56）', precision: '金额最多两位小数', range: '金额超出范围' } as const;

function convertScalar(f: ScalarField, raw: string | string[] | undefined): { value?: unknown; error?: string } {
  if (f.type === 'multiEnum') {
    const arr = Array.isArray(raw) ? raw : [];
    return arr.length > 0 ? { value: arr } : {};
  }
  const s = typeof raw === 'string' ? raw.trim() : '';
  if (s === '') return {};
  switch (f.type) {
    case 'money': {
      const r = parseYuan(s);
      return r.ok ? { value: r.fen } : { error: MONEY_ERRORS[r.reason] };
    }
    case 'integer':
      return /^-?\d+$/.test(s) ? { value: Number(s) } : { error: '应为整数' };
    case 'boolean':
      return { value: s === 'yes' };
    default:
      return { value: s };
  }
}

/** UI values → typed form values (what the core stores), plus conversion errors by path. */
export function toFormValues(fields: readonly FormField[], ui: UiValues): { values: FormValues; errors: FieldErrors } {
  const values: FormValues = {};
  const errors: FieldErrors = {};
  for (const f of fields) {
    const raw = ui[f.key];
    if (f.type === 'rows') {
      const rows = Array.isArray(raw) ? (raw as UiRow[]) : [];
      const out: Record<string, unknown>[] = [];
      rows.forEach((row) => {
        if (Object.values(row).every((v) => v.trim() === '')) return;
        const i = out.length;
        const typed: Record<string, unknown> = {};
        for (const c of f.columns) {
          const r = convertScalar(c, row[c.key]);
          if (r.error) errors[`${f.key}.${i}.${c.key}`] = r.error;
          else if (r.value !== undefined) typed[c.key] = r.value;
        }
        out.push(typed);
      });
      if (out.length > 0) values[f.key] = out;
      continue;
    }
    const r = convertScalar(f, raw as string | string[] | undefined);
    if (r.error) errors[f.key] = r.error;
    else if (r.value !== undefined) values[f.key] = r.value;
  }
  // Fields hidden by showWhen are not sent.
  for (const f of fields) if (!fieldApplies(f, values)) delete values[f.key];
  return { values, errors };
}

/** Typed values (a draft from the core) → what the form shows. */
export function toUiValues(fields: readonly FormField[], values: FormValues): UiValues {
  const scalar = (f: ScalarField, v: unknown): string | string[] => {
    if (v === undefined || v === null) return f.type === 'multiEnum' ? [] : '';
    if (f.type === 'multiEnum') return Array.isArray(v) ? v.map(String) : [];
    if (f.type === 'money' && typeof v === 'number') return formatYuan(v).replace(/,/g, '');
    if (f.type === 'boolean') return v === true ? 'yes' : 'no';
    return String(v);
  };
  const ui: UiValues = {};
  for (const f of fields) {
    const v = values[f.key];
    if (f.type === 'rows') {
      const rows = Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
      ui[f.key] = rows.map((row) => Object.fromEntries(f.columns.map((c) => [c.key, scalar(c, row[c.key]) as string])));
    } else ui[f.key] = scalar(f, v);
  }
  return ui;
}

export function emptyRow(f: Extract<FormField, { type: 'rows' }>): UiRow {
  return Object.fromEntries(f.columns.map((c) => [c.key, '']));
}

/** A fresh form: rows fields start with as many blank rows as they need (at least one). */
export function initialUiValues(fields: readonly FormField[], prefill: Record<string, string> = {}): UiValues {
  const ui: UiValues = {};
  for (const f of fields) {
    if (f.type === 'rows') ui[f.key] = Array.from({ length: Math.max(1, f.minRows) }, () => emptyRow(f));
    else if (f.type === 'multiEnum') ui[f.key] = [];
    else ui[f.key] = prefill[f.key] ?? '';
  }
  return ui;
}

/**
 * Validate as the core and central will — the item's own schema: each field, the item's cross-field rules, and
 * (given the person's birth date) no date of their life before it; errors keyed by path.
 */
export function validateForm(
  item: Pick<CatalogItem, 'fields' | 'rules'>,
  ui: UiValues,
  birthDate: string | null = null,
): { values: FormValues; errors: FieldErrors } {
  const { values, errors } = toFormValues(item.fields, ui);
  const r = itemFormSchema(item, { today: todayShanghai(), birthDate }).safeParse(values);
  if (!r.success) {
    const zodErrors = zodFieldErrors(r.error);
    for (const [k, m] of Object.entries(zodErrors)) if (!(k in errors)) errors[k] = m;
    return { values, errors };
  }
  return { values: Object.keys(errors).length > 0 ? values : r.data, errors };
}
