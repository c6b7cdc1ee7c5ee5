import { z } from 'zod';
import type { CatalogItem, FormField, FormRule, ScalarField } from './types';
import { validatePersonId, validateCreditCode } from '../identity';
import { checkPersonName } from '../identity/name';
import { isLocalDate, type LocalDate } from '../time';
import { currentCodeName } from '../legacy-codes';

/**
 * Build the zod schema of an item's form from its field list, so the same data drives the
 * generated form in the UI and the validation in the core. Unknown keys are refused.
 */

export interface FormContext {
  /** The Shanghai date the form is validated on (for "not after today" and ID birth dates). */
  today: LocalDate;
  /** A draft: fields given must be valid, but required fields may still be missing. */
  partial?: boolean;
  /** The person's birth date: dates marked `notBeforeBirth` may not be before it (itemFormSchema). */
  birthDate?: LocalDate | null;
}

const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const REGION_RE = /^\d{6}$/;
const BANK_RE = /^\d{12,30}$/;

function scalarSchema(field: ScalarField, ctx: FormContext): z.ZodType {
  switch (field.type) {
    case 'text': {
      let s = z.string('应为文字').trim();
      s = field.required ? s.min(1, '必填') : s;
      if (field.maxLength !== undefined) s = s.max(field.maxLength, `不超过${field.maxLength}个字`);
      if (field.pattern !== undefined) s = s.regex(new RegExp(field.pattern), '格式不对');
      return s;
    }
    case 'enum': {
      const values = field.options.map((o) => o.value);
      // An older version's code name for an option (a form pushed by a station not yet upgraded) is read as today's.
      return z.preprocess((v) => currentCodeName(v, values), z.string('应为可选的值之一').refine((v) => values.includes(v), { message: '不是可选的值' }));
    }
    case 'multiEnum': {
      const values = field.options.map((o) => o.value);
      const option = z.preprocess((v) => currentCodeName(v, values), z.string('应为可选的值之一').refine((v) => values.includes(v), { message: '不是可选的值' }));
      const arr = z.array(option, '应为可选值的列表');
      return field.required ? arr.min(1, '至少选一项') : arr;
    }
    case 'date':
      return z
        .string('日期格式应为 YYYY-MM-DD')
        .refine(isLocalDate, { message: '日期格式应为 YYYY-MM-DD' })
        // Only a real date is compared with today: "2026-2-3" sorts after "2026-11-23" as text.
        .refine((v) => !field.notAfterToday || !isLocalDate(v) || v <= ctx.today, { message: '不能晚于今天' });
    case 'money': {
      const min = field.minFen ?? 0;
      let n = z.number('金额应为数字').int('金额以分为单位，须为整数').min(min, min === 0 ? '金额不能为负' : `金额不能少于 ${min / 100} 元`);
      if (field.maxFen !== undefined) n = n.max(field.maxFen, '金额超过上限');
      return n;
    }
    case 'integer': {
      let n = z.number('应为数字').int('须为整数');
      if (field.min !== undefined) n = n.min(field.min, `不小于${field.min}`);
      if (field.max !== undefined) n = n.max(field.max, `不大于${field.max}`);
      return n;
    }
    case 'boolean':
      return z.boolean('应为“是”或“否”');
    case 'idNumber':
      return z.string('证件号码应为文字').transform((v, c) => {
        const r = validatePersonId(v, ctx.today);
        if (!r.ok) {
          c.addIssue({ code: 'custom', message: r.message });
          return z.NEVER;
        }
        return r.normalized;
      });
    case 'creditCode':
      return z.string('统一社会信用代码应为文字').transform((v, c) => {
        const r = validateCreditCode(v);
        if (!r.ok) {
          c.addIssue({ code: 'custom', message: r.message });
          return z.NEVER;
        }
        return r.normalized;
      });
    case 'phone':
      return z.string('电话号码应为文字').trim().regex(PHONE_RE, '电话号码格式不对');
    case 'regionCode':
      return z.string('区划代码应为文字').regex(REGION_RE, '区划代码应为6位数字');
    case 'bankAccount':
      return z
        .string('银行账号应为文字')
        .transform((v) => v.replace(/\s+/g, ''))
        .pipe(z.string().regex(BANK_RE, '银行账号应为12至30位数字'));
    case 'personName':
      return z.string('姓名应为文字').transform((v, c) => {
        const r = checkPersonName(v);
        if (!r.ok) {
          c.addIssue({ code: 'custom', message: r.message });
          return z.NEVER;
        }
        return r.name;
      });
  }
}

type CellSchemas = ReadonlyMap<string, z.ZodType>;

function cellSchemas(field: Extract<FormField, { type: 'rows' }>, ctx: FormContext): CellSchemas {
  return new Map(field.columns.map((c) => [c.key, scalarSchema(c, ctx)] as const));
}

function fieldSchema(field: FormField, ctx: FormContext, given?: CellSchemas): z.ZodType {
  if (field.type === 'rows') {
    const cells = given ?? cellSchemas(field, ctx);
    // Cells get the same treatment as fields: a blank cell ('' or null, as a form sends it) is an absent one,
    // an absent required cell is "必填", an unknown column is refused — every message in Chinese.
    const row = z.unknown().transform((v, c) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        c.addIssue({ code: 'custom', message: '每行应为一组填写内容' });
        return z.NEVER;
      }
      const input = v as Record<string, unknown>;
      for (const k of Object.keys(input)) {
        if (!cells.has(k)) c.addIssue({ code: 'custom', message: '未知的列', path: [k] });
      }
      const out: Record<string, unknown> = {};
      for (const col of field.columns) {
        const cell = input[col.key];
        if (isEmpty(cell)) {
          if (col.required) c.addIssue({ code: 'custom', message: '必填', path: [col.key] });
          continue;
        }
        const r = cells.get(col.key)!.safeParse(cell);
        if (!r.success) {
          for (const issue of r.error.issues) {
            c.addIssue({ code: 'custom', message: issue.message, path: [col.key, ...issue.path] as (string | number)[] });
          }
          continue;
        }
        out[col.key] = r.data;
      }
      return out;
    });
    return z
      .array(row, '应为表格行的列表')
      .min(field.minRows, `至少${field.minRows}行`)
      .max(field.maxRows, `最多${field.maxRows}行`);
  }
  return scalarSchema(field, ctx);
}

/** Nothing given: absent, null, blank text (spaces only included), or an empty list. */
function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** Whether a field is in play for the given answers (its `showWhen` holds, or it has none). */
export function fieldApplies(field: FormField, values: Record<string, unknown>): boolean {
  if (!field.showWhen) return true;
  const v = values[field.showWhen.field];
  // A multiEnum answer is a list: the field applies when any chosen value is one of `oneOf`.
  return field.showWhen.oneOf.some((o) => (Array.isArray(v) ? v.includes(o) : o === v));
}

export type FormValues = Record<string, unknown>;

/**
 * The zod schema of a whole form. Required fields that apply must be present; fields whose
 * `showWhen` does not hold must be absent; optional empty strings are dropped.
 */
export function formSchema(fields: readonly FormField[], ctx: FormContext, rules: readonly FormRule[] = []): z.ZodType<FormValues, unknown> {
  const cells = new Map(fields.flatMap((f) => (f.type === 'rows' ? [[f.key, cellSchemas(f, ctx)] as const] : [])));
  const schemas = new Map(fields.map((f) => [f.key, fieldSchema(f, ctx, cells.get(f.key))] as const));
  const known = new Set(fields.map((f) => f.key));
  return z.record(z.string(), z.unknown(), '表单应为一组填写内容').transform((input, c) => {
    const out: FormValues = {};
    // What the cross-field rules look at: the values that passed, and of a table that did not, its valid cells.
    const ruleView: FormValues = {};
    for (const key of Object.keys(input)) {
      if (!known.has(key)) c.addIssue({ code: 'custom', message: '未知字段', path: [key] });
    }
    for (const field of fields) {
      const raw = input[field.key];
      if (!fieldApplies(field, input)) {
        if (!isEmpty(raw)) c.addIssue({ code: 'custom', message: '此项在当前选择下不应填写', path: [field.key] });
        continue;
      }
      if (isEmpty(raw)) {
        if (field.required && !ctx.partial) c.addIssue({ code: 'custom', message: '必填', path: [field.key] });
        continue;
      }
      const r = schemas.get(field.key)!.safeParse(raw);
      if (!r.success) {
        for (const issue of r.error.issues) {
          c.addIssue({ code: 'custom', message: issue.message, path: [field.key, ...issue.path] as (string | number)[] });
        }
        const tableCells = cells.get(field.key);
        if (rules.length > 0 && tableCells && Array.isArray(raw)) ruleView[field.key] = validCells(raw, tableCells);
        continue;
      }
      out[field.key] = r.data;
      ruleView[field.key] = r.data;
    }
    // Cross-field rules, over the values that passed their own checks (so both kinds of error show at once).
    for (const issue of ruleIssues(fields, rules, ruleView)) c.addIssue({ code: 'custom', ...issue });
    return out;
  });
}

/** The cells of a table's rows that pass their column's check (for the cross-field rules of a table with errors). */
function validCells(rows: readonly unknown[], cells: CellSchemas): Record<string, unknown>[] {
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    if (typeof row !== 'object' || row === null) return out;
    for (const [key, schema] of cells) {
      const v = (row as Record<string, unknown>)[key];
      if (isEmpty(v)) continue;
      const r = schema.safeParse(v);
      if (r.success) out[key] = r.data;
    }
    return out;
  });
}

export interface FormIssue {
  path: (string | number)[];
  message: string;
}

const label = (f: { label: { 'zh-CN': string } } | undefined, key: string): string => `「${f ? f.label['zh-CN'] : key}」`;

/** An invoice (or any receipt) number as compared: no spaces, upper case, full-width characters made half-width. */
export function normaliseInvoiceNo(no: string): string {
  return no.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

type Rows = Record<string, unknown>[];

/** The issues of the item's cross-field rules over typed values (absent values are not judged). */
export function ruleIssues(fields: readonly FormField[], rules: readonly FormRule[], values: FormValues): FormIssue[] {
  const out: FormIssue[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f] as const));
  const date = (key: string): string | null => {
    const v = values[key];
    return typeof v === 'string' && isLocalDate(v) ? v : null;
  };
  const rows = (key: string): Rows => {
    const v = values[key];
    return Array.isArray(v) ? (v as Rows) : [];
  };
  const column = (rowsKey: string, key: string) => {
    const f = byKey.get(rowsKey);
    return f?.type === 'rows' ? f.columns.find((c) => c.key === key) : undefined;
  };
  for (const rule of rules) {
    switch (rule.kind) {
      case 'dateOrder': {
        const a = date(rule.earlier);
        const b = date(rule.later);
        if (a !== null && b !== null && b < a) {
          out.push({ path: [rule.later], message: `不能早于${label(byKey.get(rule.earlier), rule.earlier)}（${a}）` });
        }
        break;
      }
      case 'rowPartOf': {
        const whole = column(rule.rows, rule.whole);
        rows(rule.rows).forEach((row, i) => {
          const p = row[rule.part];
          const w = row[rule.whole];
          if (typeof p === 'number' && typeof w === 'number' && p > w) {
            out.push({ path: [rule.rows, i, rule.part], message: `不能大于本行${label(whole, rule.whole)}（医保范围内金额不能为负）` });
          }
        });
        break;
      }
      case 'rowDateWithin': {
        const from = date(rule.from);
        const to = date(rule.to);
        if (from === null || to === null || to < from) break;
        rows(rule.rows).forEach((row, i) => {
          const d = row[rule.column];
          if (typeof d === 'string' && isLocalDate(d) && (d < from || d > to)) {
            out.push({
              path: [rule.rows, i, rule.column],
              message: `应在${label(byKey.get(rule.from), rule.from)}至${label(byKey.get(rule.to), rule.to)}之间（${from} 至 ${to}）`,
            });
          }
        });
        break;
      }
      case 'uniqueInRows': {
        const first = new Map<string, number>();
        rows(rule.rows).forEach((row, i) => {
          const v = row[rule.column];
          if (typeof v !== 'string' || v.trim() === '') return;
          const n = normaliseInvoiceNo(v);
          const at = first.get(n);
          if (at === undefined) first.set(n, i);
          else out.push({ path: [rule.rows, i, rule.column], message: `与第 ${at + 1} 行重复：同一号码在本案只能填写一次` });
        });
        break;
      }
    }
  }
  return out;
}

/** Dates marked `notBeforeBirth` (fields, and table columns) that are before the person's birth date. */
export function birthIssues(fields: readonly FormField[], values: FormValues, birthDate: LocalDate): FormIssue[] {
  const out: FormIssue[] = [];
  const message = `不能早于参保人的出生日期（${birthDate}）`;
  for (const f of fields) {
    const v = values[f.key];
    if (f.type === 'date' && f.notBeforeBirth && typeof v === 'string' && isLocalDate(v) && v < birthDate) out.push({ path: [f.key], message });
    if (f.type === 'rows' && Array.isArray(v)) {
      const cols = f.columns.filter((c) => c.type === 'date' && c.notBeforeBirth);
      (v as Rows).forEach((row, i) => {
        for (const c of cols) {
          const d = row[c.key];
          if (typeof d === 'string' && isLocalDate(d) && d < birthDate) out.push({ path: [f.key, i, c.key], message });
        }
      });
    }
  }
  return out;
}

/** Built schemas per item object (a new catalog gives new objects), day and mode: building one takes ~2 ms. */
const schemaCache = new WeakMap<Pick<CatalogItem, 'fields' | 'rules'>, Map<string, z.ZodType<FormValues, unknown>>>();

/** The cached schema of an item's form for a day and mode, without the birth-date check. */
function baseSchema(item: Pick<CatalogItem, 'fields' | 'rules'>, ctx: FormContext): z.ZodType<FormValues, unknown> {
  let byKey = schemaCache.get(item);
  if (!byKey) schemaCache.set(item, (byKey = new Map()));
  const key = `${ctx.today}|${ctx.partial === true}`;
  let base = byKey.get(key);
  if (!base) {
    if (byKey.size > 8) byKey.clear();
    base = formSchema(item.fields, { today: ctx.today, partial: ctx.partial === true }, item.rules);
    byKey.set(key, base);
  }
  return base;
}

/** The outcome of checking a form: its typed values, or every issue (path under the form, message). */
export type FormCheck = { success: true; data: FormValues } | { success: false; issues: FormIssue[] };

/**
 * Check an item's form — `itemFormSchema(item, ctx).safeParse(form)`, the same issues in the same order — without
 * building a schema per birth date (the window's intake and every row of a batch import check one).
 */
export function checkItemForm(item: Pick<CatalogItem, 'fields' | 'rules'>, ctx: FormContext, input: unknown): FormCheck {
  const r = baseSchema(item, ctx).safeParse(input);
  const issues: FormIssue[] = r.success ? [] : r.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message }));
  const birthDate = ctx.birthDate;
  if (birthDate) {
    // Birth-date issues are reported beside the form's other issues (not only once those are fixed).
    const values = r.success ? r.data : typeof input === 'object' && input !== null ? (input as FormValues) : {};
    issues.push(...birthIssues(item.fields, values, birthDate));
  }
  return r.success && issues.length === 0 ? { success: true, data: r.data } : { success: false, issues };
}

/**
 * The schema of an item's form — its fields, its cross-field rules, and (given the person's birth date) the
 * dates that cannot be before it. The one form check of the window, the core and central (checkItemForm is the
 * same check as a function).
 */
export function itemFormSchema(item: Pick<CatalogItem, 'fields' | 'rules'>, ctx: FormContext): z.ZodType<FormValues, unknown> {
  const base = baseSchema(item, ctx);
  if (!ctx.birthDate) return base;
  // The birth-date check wraps the cached schema rather than refining it (zod skips a refinement after a failed
  // transform, and its issues are reported beside the form's others).
  return z.unknown().transform((input, c) => {
    const r = checkItemForm(item, ctx, input);
    if (r.success) return r.data;
    for (const i of r.issues) c.addIssue({ code: 'custom', message: i.message, path: i.path });
    return z.NEVER;
  });
}

/**
 * A form issue in words that name the field as the clerk sees it: `「出院日期」：不能早于「入院日期」…`,
 * `「票据明细」第 2 行「全自费金额」：…`; and its dotted path under `form`.
 */
export function describeFormIssue(fields: readonly FormField[], issue: { path: readonly PropertyKey[]; message: string }): { field: string; message: string } {
  const path = issue.path.map(String);
  const [key, row, col] = path;
  const field = ['form', ...path].join('.');
  if (key === undefined) return { field: 'form', message: `表单：${issue.message}` };
  const f = fields.find((x) => x.key === key);
  if (!f) return { field, message: `表单「${key}」：${issue.message}` };
  let where = label(f, key);
  if (row !== undefined && /^\d+$/.test(row)) {
    where += `第 ${Number(row) + 1} 行`;
    const c = f.type === 'rows' ? f.columns.find((x) => x.key === col) : undefined;
    if (c) where += label(c, c.key);
  }
  return { field, message: `${where}：${issue.message}` };
}
