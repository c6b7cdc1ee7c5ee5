import type { CatalogItem, Material } from '../catalog/types';
import type { FormValues } from '../catalog/form';

/**
 * Which materials a case needs, and what is missing — the basis of 受理 and of the
 * 一次性告知书 (one written notice of everything missing).
 */

export interface MaterialNeed {
  material: Material;
  /** Needed for acceptance: required, or conditional with its condition met. */
  needed: boolean;
}

function conditionHolds(m: Material, form: FormValues, hasProxy: boolean): boolean {
  const c = m.condition;
  if (!c) return false;
  if (c.kind === 'proxy') return hasProxy;
  const v = form[c.field];
  // A multiEnum answer is a list: the condition holds when any chosen value is one of `oneOf`.
  return c.oneOf.some((o) => (Array.isArray(v) ? v.includes(o) : o === v));
}

/** Every material of the item that applies to this case, in catalog order (optional ones included, not needed). */
export function materialsFor(item: CatalogItem, form: FormValues, hasProxy: boolean): MaterialNeed[] {
  const out: MaterialNeed[] = [];
  for (const m of item.materials) {
    if (m.requirement === 'required') out.push({ material: m, needed: true });
    else if (m.requirement === 'optional') out.push({ material: m, needed: false });
    else if (conditionHolds(m, form, hasProxy)) out.push({ material: m, needed: true });
  }
  return out;
}

export type AcceptanceAssessment =
  /** Everything needed is in: accept. */
  | { kind: 'complete' }
  /** Only deferrable materials are missing and the item allows 容缺: accept against a promise date. */
  | { kind: 'rongque'; missing: Material[]; maxPromiseWorkingDays: number }
  /** Something that cannot wait is missing (or the item allows no 容缺): refuse with the full list. */
  | { kind: 'refuse'; missing: Material[]; blocking: Material[] };

export function assessMaterials(
  item: CatalogItem,
  form: FormValues,
  hasProxy: boolean,
  received: ReadonlySet<string>,
): AcceptanceAssessment {
  const missing = materialsFor(item, form, hasProxy)
    .filter((n) => n.needed && !received.has(n.material.code))
    .map((n) => n.material);
  if (missing.length === 0) return { kind: 'complete' };
  const blocking = item.rongque === null ? missing : missing.filter((m) => !m.deferrable);
  if (blocking.length === 0 && item.rongque !== null) {
    return { kind: 'rongque', missing, maxPromiseWorkingDays: item.rongque.maxPromiseWorkingDays };
  }
  return { kind: 'refuse', missing, blocking };
}

/** Material codes of the item that this case may mark as received (all that apply, needed or optional). */
export function applicableMaterialCodes(item: CatalogItem, form: FormValues, hasProxy: boolean): Set<string> {
  return new Set(materialsFor(item, form, hasProxy).map((n) => n.material.code));
}
