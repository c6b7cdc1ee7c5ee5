import type { CatalogItem } from '../../shared/catalog/types';
import { formSchema, type FormValues } from '../../shared/catalog/form';
import { assessMaterials } from '../../shared/cases/materials';
import type { Case } from '../../shared/cases/model';

/** The item's form schema, built once per item, day and mode (the form's own zod schema from shared/catalog). */
const cache = new WeakMap<CatalogItem, Map<string, ReturnType<typeof formSchema>>>();

function schemaFor(item: CatalogItem, today: string, partial: boolean) {
  let byKey = cache.get(item);
  if (!byKey) {
    byKey = new Map();
    cache.set(item, byKey);
  }
  const key = `${today}|${partial}`;
  let s = byKey.get(key);
  if (!s) {
    if (byKey.size > 8) byKey.clear();
    s = formSchema(item.fields, { today, partial });
    byKey.set(key, s);
  }
  return s;
}

export type FormCheck = { ok: true; values: FormValues } | { ok: false; message: string; field?: string };

/** Check a case's form against its item: `partial` for drafts (required fields may be missing). */
export function checkForm(item: CatalogItem, form: Record<string, unknown>, today: string, partial: boolean): FormCheck {
  const r = schemaFor(item, today, partial).safeParse(form);
  if (r.success) return { ok: true, values: r.data };
  const issue = r.error.issues[0];
  if (!issue) return { ok: false, message: '表单不符合事项要求' };
  const path = issue.path.map(String);
  return { ok: false, message: `表单不符合事项要求：${describePath(item, path)}${issue.message}`, field: ['form', ...path].join('.') };
}

/** “票据明细第 2 行「票据号码」：” from a form path such as ['invoices', '1', 'invoiceNo']. */
function describePath(item: CatalogItem, path: readonly string[]): string {
  const [key, row, col] = path;
  if (key === undefined) return '';
  const field = item.fields.find((f) => f.key === key);
  if (!field) return `「${key}」`;
  let out = `「${field.label['zh-CN']}」`;
  if (row !== undefined && /^\d+$/.test(row)) {
    out += `第 ${Number(row) + 1} 行`;
    const column = field.type === 'rows' ? field.columns.find((c) => c.key === col) : undefined;
    if (column) out += `「${column.label['zh-CN']}」`;
  }
  return `${out}：`;
}

export type MaterialsCheck = { ok: true; pending: boolean } | { ok: false; message: string };

/**
 * Whether the case's received materials allow acceptance: all needed ones received, or (when `rongque` is
 * allowed and the item permits 容缺) only deferrable ones missing — then `pending` is true.
 */
export function checkMaterials(item: CatalogItem, c: Case, values: FormValues, rongque: boolean): MaterialsCheck {
  const received = new Set(c.materials.filter((m) => m.received).map((m) => m.code));
  const a = assessMaterials(item, values, c.proxy !== null, received);
  if (a.kind === 'complete') return { ok: true, pending: false };
  if (a.kind === 'rongque' && rongque) return { ok: true, pending: true };
  const names = a.missing.map((m) => m.name['zh-CN']).join('、');
  return { ok: false, message: `材料不齐，中心不能受理。缺少：${names}` };
}
