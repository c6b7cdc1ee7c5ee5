import type { CatalogItem } from '../../shared/catalog/types';
import { checkItemForm, describeFormIssue, type FormValues } from '../../shared/catalog/form';
import { assessMaterials } from '../../shared/cases/materials';
import { proxyIssues } from '../../shared/cases/proxy';
import type { Case, Proxy } from '../../shared/cases/model';

export type FormCheck = { ok: true; values: FormValues } | { ok: false; message: string; field?: string };

/**
 * Check a case's form against its item with the item's own schema (shared/catalog/form.ts: each field, the
 * item's cross-field rules, no date of the person's life before their birth) — the check the window and the
 * station's core make. `partial` for drafts (required fields may be missing).
 */
export function checkForm(item: CatalogItem, form: Record<string, unknown>, today: string, partial: boolean, birthDate: string | null = null): FormCheck {
  // checkItemForm: the item's schema without a schema built per birth date (the same issues, in the same order).
  const r = checkItemForm(item, { today, partial, birthDate }, form);
  if (r.success) return { ok: true, values: r.data };
  const issue = r.issues[0];
  if (!issue) return { ok: false, message: '表单不符合事项要求' };
  const d = describeFormIssue(item.fields, issue);
  return { ok: false, message: `表单不符合事项要求：${d.message}`, field: d.field };
}

/** The agent of a submission, by the station's rules (adult, not the principal, a name, a relationship). */
export function checkProxy(proxy: Proxy | null, principalIdNumber: string | null, today: string): { ok: true } | { ok: false; message: string; field: string } {
  if (proxy === null) return { ok: true };
  const first = proxyIssues(proxy, { today, principalIdNumber })[0];
  return first ? { ok: false, message: `代办人信息不符合要求：${first.message}`, field: `payload.case.proxy.${first.path}` } : { ok: true };
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
