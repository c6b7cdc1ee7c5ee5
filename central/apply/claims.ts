import type { CatalogItem } from '../../shared/catalog/types';
import { normaliseInvoiceNo, type FormValues } from '../../shared/catalog/form';
import type { ClaimKind } from '../store/types';

/**
 * Things only one live case in the whole system may hold, checked centrally because no station can see the
 * others' cases:
 * - an invoice (票据) number claimed for reimbursement — the same receipt must not be paid twice, at this
 *   station or another;
 * - the enrollment of a person for a year in a region (重复参保).
 * A claim is taken when the case is submitted and released when central rejects the case.
 */
export interface ClaimSpec {
  key: string;
  kind: ClaimKind;
  /** What is claimed, for the message (the invoice number, or the year). */
  label: string;
}

export { normaliseInvoiceNo };

export function claimSpecs(item: CatalogItem, form: FormValues, personIdNumber: string | null, stationRegion: string): ClaimSpec[] {
  const out: ClaimSpec[] = [];
  const seen = new Set<string>();
  const invoices = form.invoices;
  if (Array.isArray(invoices)) {
    for (const row of invoices) {
      const no = row !== null && typeof row === 'object' ? (row as Record<string, unknown>).invoiceNo : undefined;
      if (typeof no !== 'string' || no.trim() === '') continue;
      const n = normaliseInvoiceNo(no);
      const key = `invoice:${n}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, kind: 'invoice', label: n });
    }
  }
  const year = form.enrollmentYear;
  if (item.family === 'enrollment' && typeof year === 'number' && personIdNumber !== null) {
    const region = typeof form.regionCode === 'string' ? form.regionCode : stationRegion;
    out.push({ key: `enrollment:${region}:${year}:${personIdNumber}`, kind: 'enrollment', label: `${year}` });
  }
  return out;
}

/** Invoice numbers a case's form lists twice (one receipt claimed twice within the same case). */
export function repeatedInvoices(form: FormValues): string[] {
  const invoices = form.invoices;
  if (!Array.isArray(invoices)) return [];
  const counts = new Map<string, number>();
  for (const row of invoices) {
    const no = row !== null && typeof row === 'object' ? (row as Record<string, unknown>).invoiceNo : undefined;
    if (typeof no === 'string' && no.trim() !== '') counts.set(normaliseInvoiceNo(no), (counts.get(normaliseInvoiceNo(no)) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n > 1).map(([no]) => no);
}
