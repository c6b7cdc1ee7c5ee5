import type { FormValues } from '../../../../shared/catalog/form';
import type { ResidentTier } from '../../../../shared/policy/vocab';
import { itemEstimate } from '../../../../shared/catalog/estimates';

/**
 * From a case's form (the values the core stores: amounts in fen) to the input of a policy calculator
 * (`policy.estimate`, `cases.saveEstimate`). The forms' field names are the calculators' (see
 * shared/policy/vocab.ts), the outpatient category included. What a form does not ask — the person's resident
 * tier and medical-assistance category — the core fills in from the person's record: a live estimate is asked
 * with the person's id, a saved one takes the case's person. The clerk may still set the tier (what the person
 * says wins over the record). The core adds the region code.
 */

export type ItemEstimateKind = 'claim' | 'contribution';

/** Which estimate an item has at the window, if any (the catalog's data: shared/catalog/estimates). */
export function estimateKindFor(itemCode: string): ItemEstimateKind | null {
  return itemEstimate(itemCode)?.kind ?? null;
}

/** The person the estimate is for (a case view's or the intake's person summary will do). */
export interface EstimatePerson {
  id: string;
  birthDate: string | null;
}

/** What the clerk sets beside the estimate; '' leaves it to the person's record (filled in by the core). */
export interface Overrides {
  residentTier: ResidentTier | '';
}

export const NO_OVERRIDES: Overrides = { residentTier: '' };

/** Ready to ask the calculator, or why not yet (nothing to estimate from). */
export type Prepared = { ready: true; kind: ItemEstimateKind; input: Record<string, unknown> } | { ready: false; waitingFor: 'invoices' | 'category' };

function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== ''));
}

/**
 * 一单制 estimate of a manual claim: the invoice lines with an amount and the form's answers (the outpatient
 * category among them; left empty, the calculator takes general outpatient care). The tier only when the clerk
 * set one: otherwise the core takes it, and the assistance category, from the person's record.
 */
export function claimInput(itemCode: string, form: FormValues, o: Overrides): Prepared {
  const est = itemEstimate(itemCode);
  if (est?.kind !== 'claim') throw new Error(`not a claim item: ${itemCode}`);
  const careType = est.careType;
  const rows = Array.isArray(form.invoices) ? (form.invoices as Record<string, unknown>[]) : [];
  const invoices = rows
    .filter((r) => typeof r.amountFen === 'number')
    .map((r) => ({ amountFen: r.amountFen as number, ...(typeof r.selfPaidFen === 'number' ? { selfPaidFen: r.selfPaidFen } : {}) }));
  if (invoices.length === 0) return { ready: false, waitingFor: 'invoices' };
  const input = defined({
    careType,
    insuranceType: form.insuranceType,
    residentTier: form.insuranceType === 'resident' ? o.residentTier : undefined,
    hospitalLevel: form.hospitalLevel,
    outOfAreaType: form.outOfAreaType ?? 'local',
    emergencyFilingDate: form.outOfAreaType === 'offsite_emergency' ? form.emergencyFilingDate : undefined,
    ...(careType === 'outpatient'
      ? { outpatientCategory: form.outpatientCategory, visitDate: form.visitDate }
      : { admissionDate: form.admissionDate, dischargeDate: form.dischargeDate }),
    invoices,
  });
  return { ready: true, kind: 'claim', input };
}

/** Resident contribution and the date cover starts, as of `today` (the day it would be paid). */
export function contributionInput(form: FormValues, person: EstimatePerson, today: string): Prepared {
  if (typeof form.personCategory !== 'string') return { ready: false, waitingFor: 'category' };
  const input = defined({
    enrollmentYear: form.enrollmentYear,
    personCategory: form.personCategory,
    contributionTier: form.personCategory === 'adult' ? form.contributionTier : undefined,
    hardshipGroup: form.hardshipGroup ?? 'none',
    acceptanceDate: today,
    birthDate: form.personCategory === 'newborn' ? (person.birthDate ?? undefined) : undefined,
  });
  return { ready: true, kind: 'contribution', input };
}

export function prepareEstimate(itemCode: string, form: FormValues, person: EstimatePerson, o: Overrides, today: string): Prepared | null {
  const kind = estimateKindFor(itemCode);
  if (kind === 'claim') return claimInput(itemCode, form, o);
  if (kind === 'contribution') return contributionInput(form, person, today);
  return null;
}
