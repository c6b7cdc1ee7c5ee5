import { normaliseInvoiceNo, type FormValues } from './form';

/**
 * The invoices (票据) a claim's form lists, as the station's index of claimed invoices keys them: the hospital
 * and the invoice number, each without spaces, upper case, full-width characters made half-width. Absent or
 * blank numbers claim nothing.
 */
export interface InvoiceClaim {
  key: string;
  /** The row of the form's invoice table (0-based), for naming the field. */
  row: number;
  invoiceNo: string;
}

export function invoiceClaimKey(hospitalName: string, invoiceNo: string): string {
  return `${normaliseInvoiceNo(hospitalName)}|${normaliseInvoiceNo(invoiceNo)}`;
}

export function invoiceClaims(form: FormValues): InvoiceClaim[] {
  const rows = form.invoices;
  if (!Array.isArray(rows)) return [];
  const hospital = typeof form.hospitalName === 'string' ? form.hospitalName : '';
  const out: InvoiceClaim[] = [];
  const seen = new Set<string>();
  rows.forEach((row: unknown, i) => {
    const no = row !== null && typeof row === 'object' ? (row as Record<string, unknown>).invoiceNo : undefined;
    if (typeof no !== 'string' || no.trim() === '') return;
    const key = invoiceClaimKey(hospital, no);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ key, row: i, invoiceNo: normaliseInvoiceNo(no) });
  });
  return out;
}
