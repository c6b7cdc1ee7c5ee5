import type { CoreContext } from '../context';
import type { SessionUser } from '../../shared/api/channels/auth';
import type { CatalogItem, FormField } from '../../shared/catalog/types';
import type { FormValues } from '../../shared/catalog/form';
import type { Proxy } from '../../shared/cases/model';
import { SAMPLE_FORMS } from '../../shared/catalog/testing/samples';
import { materialsFor } from '../../shared/cases/materials';
import { addDays, today } from '../../shared/time';
import { createCase, acceptCase, withdrawCase } from '../features/cases/cases';
import { residentId } from './fixtures';

/** Items the seeder uses, roughly in the proportions a township window sees. */
const MIX: readonly [string, number][] = [
  ['resident_enrollment', 30],
  ['outpatient_reimbursement', 20],
  ['inpatient_reimbursement', 15],
  ['offsite_long_term_residence_filing', 10],
  ['chronic_disease_certification', 10],
  ['ltc_application', 10],
  ['transfer_continuation', 5],
];
const MIX_TOTAL = MIX.reduce((s, [, w]) => s + w, 0);

function pickItem(rand: () => number): string {
  let r = rand() * MIX_TOTAL;
  for (const [code, w] of MIX) {
    r -= w;
    if (r < 0) return code;
  }
  return MIX[0]![0];
}

/** A sample form moved to `day`: dates that may not lie in the future are set to ten days before it. */
export function sampleFormOn(item: CatalogItem, day: string): FormValues {
  const sample = SAMPLE_FORMS[item.code];
  if (!sample) throw new Error(`no sample form for ${item.code}`);
  const past = addDays(day, -10);
  const fix = (f: FormField, v: unknown): unknown => {
    if (f.type === 'date' && f.notAfterToday && typeof v === 'string') return past;
    if (f.type === 'rows' && Array.isArray(v)) {
      return v.map((row: Record<string, unknown>) => {
        const out = { ...row };
        for (const c of f.columns) if (c.type === 'date' && c.notAfterToday && typeof out[c.key] === 'string') out[c.key] = past;
        return out;
      });
    }
    return v;
  };
  const out: FormValues = {};
  for (const f of item.fields) if (sample[f.key] !== undefined) out[f.key] = fix(f, sample[f.key]);
  return out;
}

/**
 * The form with invoice numbers of its own (`tag` makes them unique): the station refuses a second case claiming
 * an invoice another case holds, so every seeded or benchmarked claim lists receipts nobody else claimed.
 */
export function withOwnInvoices(form: FormValues, tag: string): FormValues {
  const rows = form.invoices;
  if (!Array.isArray(rows)) return form;
  return { ...form, invoices: rows.map((r: Record<string, unknown>, k) => ({ ...r, invoiceNo: `${tag}-${k + 1}` })) };
}

export interface SeedOptions {
  count: number;
  rand: () => number;
  /** Users to spread the cases over. */
  clerks: readonly SessionUser[];
  /** Person ids to pick from. */
  personIds: readonly string[];
  /** Cases per transaction (one fsync each). */
  batch?: number;
  /** Move the clock between cases (e.g. to spread acceptance days); called before each case. */
  beforeCase?: (i: number) => void;
  onProgress?: (done: number) => void;
}

export const PROXY_SAMPLE: Proxy = {
  name: '李建华',
  idNumber: residentId('1975-06-01', 35),
  relationship: 'child',
  phone: '13900001111',
  authorisationReceived: true,
};

/**
 * Create cases through the real services (create → accept, some under 容缺, some left as drafts, some
 * withdrawn), many per transaction so seeding 100k takes a minute, not an hour.
 */
export function seedCases(ctx: CoreContext, o: SeedOptions): { created: number } {
  const batch = o.batch ?? 500;
  let created = 0;
  while (created < o.count) {
    const n = Math.min(batch, o.count - created);
    ctx.tx(() => {
      for (let k = 0; k < n; k++) {
        const i = created + k;
        o.beforeCase?.(i);
        const user = o.clerks[i % o.clerks.length]!;
        const item = ctx.catalog.get(pickItem(o.rand))!;
        const form = withOwnInvoices(sampleFormOn(item, today(ctx.clock)), `S${ctx.newId().slice(-12)}`);
        const personId = o.personIds[Math.floor(o.rand() * o.personIds.length)]!;
        const withProxy = item.proxyAllowed && o.rand() < 0.15;
        const needs = materialsFor(item, form, withProxy).filter((m) => m.needed);
        const roll = o.rand();
        const rongque = item.rongque !== null && roll < 0.2;
        const received = needs.filter((m) => !(rongque && m.material.deferrable)).map((m) => m.material.code);
        const draft = createCase(ctx, user, { itemCode: item.code, personId, form, ...(withProxy ? { proxy: PROXY_SAMPLE } : {}), materialsReceived: received });
        if (roll > 0.97) continue; // left as a draft
        const promiseDate = rongque ? ctx.calendar.addWorkingDays(today(ctx.clock), 5).date : undefined;
        const accepted = acceptCase(ctx, user, { caseId: draft.id, version: draft.version, ...(promiseDate ? { promiseDate } : {}) });
        if (roll > 0.95 && user.role !== 'proxy_helper') withdrawCase(ctx, user, { caseId: accepted.id, version: accepted.version, reason: '申请人撤回' });
      }
    });
    created += n;
    o.onProgress?.(created);
  }
  return { created };
}
