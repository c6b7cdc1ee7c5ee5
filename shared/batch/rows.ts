import type { CatalogItem, FormField, ScalarField } from '../catalog/types';
import { checkItemForm } from '../catalog/form';
import { validatePersonId } from '../identity';
import { checkPersonName } from '../identity/name';
import { parseYuan } from '../money';
import { isLocalDate, localDate, isRealDate, type LocalDate } from '../time';

/**
 * Batch proxy import (批量代办): the columns of an item's template and the check of one row — the person (name, ID
 * number with its check character), and the item's form by the same schema as the window and central
 * (shared/catalog/form.ts: required fields, option values, cross-field rules, dates not before birth). Reading
 * the file and the checks against the station's data (already enrolled, an open case) are the core's.
 */

/** Items a helper hands in as lists, with what the list is usually of. */
export const BATCH_ITEMS = [
  { code: 'resident_enrollment', list: { 'zh-CN': '学校班级学生名单（城乡居民参保登记）', en: 'A school class (resident enrollment)' } },
  { code: 'resident_info_change', list: { 'zh-CN': '居民参保信息变更名单', en: 'Resident data changes' } },
  { code: 'employee_enrollment', list: { 'zh-CN': '用人单位职工名单（职工参保登记）', en: "An employer's staff list (employee enrollment)" } },
] as const;
export type BatchItemCode = (typeof BATCH_ITEMS)[number]['code'];

export function isBatchItem(code: string): code is BatchItemCode {
  return BATCH_ITEMS.some((b) => b.code === code);
}

/** A raw cell as a spreadsheet reader gives it. */
export type RawCell = string | number | boolean | Date | null;

export interface BatchColumn {
  /** `name` and `idNumber` are the person's; every other key is a form field's. */
  key: string;
  header: string;
  required: boolean;
  /** The form field behind the column (null for the person's two columns). */
  field: ScalarField | null;
  /** How to fill it in, for the template's notes. */
  hint: string;
}

export const PERSON_COLUMNS: readonly BatchColumn[] = [
  { key: 'name', header: '姓名', required: true, field: null, hint: '必填；与证件上的姓名一致' },
  { key: 'idNumber', header: '证件号码', required: true, field: null, hint: '必填；18位居民身份证号码等，请将此列设为文本格式，以免末位被改为0' },
];

function hintOf(f: ScalarField): string {
  const need = f.required ? (f.showWhen ? '按条件必填' : '必填') : '选填';
  const when = f.showWhen ? `（仅当「${f.showWhen.field}」为指定值时填写）` : '';
  switch (f.type) {
    case 'enum':
      return `${need}${when}；可填：${f.options.map((o) => o.label['zh-CN']).join('、')}`;
    case 'multiEnum':
      return `${need}${when}；可填多项，用顿号分隔：${f.options.map((o) => o.label['zh-CN']).join('、')}`;
    case 'boolean':
      return `${need}${when}；填“是”或“否”`;
    case 'date':
      return `${need}${when}；日期，如 2026-03-01`;
    case 'money':
      return `${need}${when}；金额（元），最多两位小数`;
    case 'integer':
      return `${need}${when}；整数${f.min !== undefined ? `，不小于${f.min}` : ''}${f.max !== undefined ? `，不大于${f.max}` : ''}`;
    case 'regionCode':
      return `${need}${when}；6位医保区划代码`;
    default:
      return `${need}${when}`;
  }
}

/** The template's columns of an item: the person's two, then every scalar field of its form, in the form's order. */
export function batchColumns(item: Pick<CatalogItem, 'fields'>): BatchColumn[] {
  const fields = item.fields.filter((f): f is ScalarField => f.type !== 'rows');
  return [...PERSON_COLUMNS, ...fields.map((f) => ({ key: f.key, header: f.label['zh-CN'], required: f.required && !f.showWhen, field: f, hint: hintOf(f) }))];
}

/** Whether a catalog item can be imported from a list (no table fields: one row of the sheet is one case). */
export function importable(item: Pick<CatalogItem, 'fields'>): boolean {
  return item.fields.every((f) => f.type !== 'rows');
}

const header = (s: string) => s.replace(/\s+/g, '').replace(/[*＊]/g, '');

/**
 * Which sheet column holds which template column, from the header row (by the header text, or the field key);
 * the template's required columns that are missing are named.
 */
export function mapHeader(columns: readonly BatchColumn[], headerRow: readonly RawCell[]): { index: Map<string, number>; missing: BatchColumn[] } {
  const index = new Map<string, number>();
  headerRow.forEach((cell, i) => {
    if (cell === null) return;
    const h = header(String(cell));
    const col = columns.find((c) => header(c.header) === h || c.key === h);
    if (col && !index.has(col.key)) index.set(col.key, i);
  });
  return { index, missing: columns.filter((c) => (c.required || c.field === null) && !index.has(c.key)) };
}

function isBlank(v: RawCell | undefined): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** A date cell: a spreadsheet date (its calendar day, as written), or text 2026-03-01 / 2026/3/1 / 2026年3月1日 / 20260301. */
export function dateOfCell(v: RawCell): LocalDate | null {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    // Spreadsheet dates carry no zone: readers give midnight UTC of the day written in the cell.
    return localDate(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  }
  if (typeof v !== 'string') return null;
  const s = v.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(y, mo, d)) return null;
  const date = localDate(y, mo, d);
  return isLocalDate(date) ? date : null;
}

/** Text of a cell as a person typed it; a whole number stays without ".0" or an exponent where it can. */
export function textOfCell(v: RawCell): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
  if (v instanceof Date) return dateOfCell(v) ?? '';
  return String(v).trim();
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

const TRUE = new Set(['是', 'true', 'y', 'yes', '1', '√', '对']);
const FALSE = new Set(['否', 'false', 'n', 'no', '0', '×', '不是']);

function optionValue(f: Extract<ScalarField, { type: 'enum' | 'multiEnum' }>, text: string): string | null {
  const t = text.trim();
  const o = f.options.find((x) => x.label['zh-CN'] === t || x.value === t || x.label.en.toLowerCase() === t.toLowerCase());
  return o ? o.value : null;
}

/** One cell as the form field's value (the form schema then checks it like a typed form). */
export function cellValue(f: ScalarField, v: RawCell): Converted {
  switch (f.type) {
    case 'integer': {
      const n = typeof v === 'number' ? v : Number(textOfCell(v).replace(/,/g, ''));
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: '应为数字' };
    }
    case 'money': {
      const r = parseYuan(typeof v === 'number' ? String(v) : textOfCell(v));
      return r.ok ? { ok: true, value: r.fen } : { ok: false, message: '金额格式不对（以元为单位，最多两位小数）' };
    }
    case 'boolean': {
      if (typeof v === 'boolean') return { ok: true, value: v };
      const t = textOfCell(v).toLowerCase();
      if (TRUE.has(t)) return { ok: true, value: true };
      if (FALSE.has(t)) return { ok: true, value: false };
      return { ok: false, message: '应填“是”或“否”' };
    }
    case 'date': {
      const d = dateOfCell(v);
      return d ? { ok: true, value: d } : { ok: false, message: '日期格式不对，应为 YYYY-MM-DD，如 2026-03-01' };
    }
    case 'enum': {
      const value = optionValue(f, textOfCell(v));
      return value ? { ok: true, value } : { ok: false, message: `不是可选的值（可填：${f.options.map((o) => o.label['zh-CN']).join('、')}）` };
    }
    case 'multiEnum': {
      const parts = textOfCell(v)
        .split(/[、,，;；\s]+/)
        .filter((p) => p !== '');
      const values = parts.map((p) => optionValue(f, p));
      const bad = parts.filter((_, i) => values[i] === null);
      return bad.length === 0 ? { ok: true, value: values } : { ok: false, message: `「${bad.join('、')}」不是可选的值` };
    }
    default:
      return { ok: true, value: textOfCell(v) };
  }
}

/** A problem of one row, for the error table: the sheet's row number (1 = the header), the column, a Chinese reason. */
export interface RowIssue {
  row: number;
  /** The template column's key (`name`, `idNumber`, a field key) or null for the row as a whole. */
  column: string | null;
  header: string | null;
  message: string;
}

export interface CheckedRow {
  row: number;
  name: string;
  idNumber: string;
  birthDate: LocalDate | null;
  form: Record<string, unknown>;
}

export interface RowContext {
  today: LocalDate;
  /** Values every row gets unless its own cell says otherwise (e.g. the enrollment year of a whole class). */
  defaults?: Readonly<Record<string, unknown>>;
}

/**
 * Check one data row: the person's name and ID number, then the item's form (every field's value, the item's
 * cross-field rules, no date before the person's birth). All problems of the row are returned at once.
 */
export function checkRow(
  item: Pick<CatalogItem, 'fields' | 'rules'>,
  columns: readonly BatchColumn[],
  index: ReadonlyMap<string, number>,
  cells: readonly RawCell[],
  row: number,
  ctx: RowContext,
): { ok: true; value: CheckedRow } | { ok: false; issues: RowIssue[]; idNumber: string } {
  const issues: RowIssue[] = [];
  const at = (key: string): RawCell => {
    const i = index.get(key);
    return i === undefined ? null : (cells[i] ?? null);
  };
  const headerOf = (key: string) => columns.find((c) => c.key === key)?.header ?? key;
  const issue = (column: string | null, message: string) => issues.push({ row, column, header: column === null ? null : headerOf(column), message });

  const rawName = at('name');
  let name = '';
  if (isBlank(rawName)) issue('name', '必填');
  else {
    const n = checkPersonName(textOfCell(rawName));
    if (n.ok) name = n.name;
    else issue('name', n.message);
  }
  const rawId = at('idNumber');
  let idNumber = '';
  let birthDate: LocalDate | null = null;
  if (isBlank(rawId)) issue('idNumber', '必填');
  else if (typeof rawId === 'number' && !Number.isSafeInteger(rawId)) {
    issue('idNumber', '证件号码被表格软件存成了数字，末几位已丢失：请把此列设为文本格式后重新填写');
  } else {
    const r = validatePersonId(textOfCell(rawId), ctx.today);
    if (r.ok) {
      idNumber = r.normalized;
      birthDate = r.birthDate ?? null;
    } else issue('idNumber', r.message);
  }

  const form: Record<string, unknown> = { ...(ctx.defaults ?? {}) };
  for (const c of columns) {
    if (!c.field) continue;
    const v = at(c.key);
    if (isBlank(v)) continue;
    const conv = cellValue(c.field, v);
    if (conv.ok) form[c.key] = conv.value;
    else issue(c.key, conv.message);
  }
  // The form as the window would check it (only the fields whose cells converted: their problems are named above).
  const bad = new Set(issues.map((i) => i.column));
  const r = checkItemForm(item, { today: ctx.today, partial: false, birthDate }, form);
  if (!r.success) {
    for (const i of r.issues) {
      const key = typeof i.path[0] === 'string' ? i.path[0] : null;
      if (key !== null && bad.has(key)) continue;
      issue(key, i.message);
    }
  }
  if (issues.length > 0 || !r.success) return { ok: false, issues, idNumber };
  return { ok: true, value: { row, name, idNumber, birthDate, form: r.data } };
}

/** Rows of one file naming the same person again: each later row is an issue naming the first. */
export function duplicateRows(rows: readonly { row: number; idNumber: string }[]): RowIssue[] {
  const first = new Map<string, number>();
  const out: RowIssue[] = [];
  for (const r of rows) {
    if (r.idNumber === '') continue;
    const at = first.get(r.idNumber);
    if (at === undefined) first.set(r.idNumber, r.row);
    else out.push({ row: r.row, column: 'idNumber', header: '证件号码', message: `与第 ${at} 行是同一人：同一文件中每人只能出现一次` });
  }
  return out;
}

/** The form field a column is for (the template's notes and the annotated sheet use it). */
export function fieldOf(columns: readonly BatchColumn[], key: string): FormField | null {
  return columns.find((c) => c.key === key)?.field ?? null;
}
