import type { FormValues } from '../../../../shared/catalog/form';
import type { InsuranceRecord, PersonFlag } from '../../../../shared/persons';
import type { AssistanceCategory, OutpatientCategory, ResidentTier } from '../../../../shared/policy/vocab';

/**
 * From a case's form (the values the core stores: amounts in fen) and the person to the input of a policy
 * calculator (`policy.estimate`, `cases.saveEstimate`). The forms' field names are the calculators' (see
 * shared/policy/vocab.ts); what a form does not ask — the resident tier, the outpatient category — comes from
 * the person's record or the clerk's choice beside the estimate. The core adds the region code.
 */

export type ItemEstimateKind = 'claim' | 'contribution';

const CLAIM_ITEMS: Record<string, 'outpatient' | 'inpatient'> = { outpatient_reimbursement: 'outpatient', inpatient_reimbursement: 'inpatient' };

/** Which estimate an item has at the window, if any. */
export function estimateKindFor(itemCode: string): ItemEstimateKind | null {
  if (itemCode in CLAIM_ITEMS) return 'claim';
  if (itemCode === 'resident_enrollment') return 'contribution';
  return null;
}

export interface EstimatePerson {
  flags: readonly PersonFlag[];
  birthDate: string | null;
  /** Present when the person was read with `persons.get` (not on a case view's summary). */
  insurance?: readonly InsuranceRecord[];
}

/** What the clerk settles beside the estimate when the form and the person's record do not say. */
export interface Assumptions {
  residentTier: ResidentTier | '';
  outpatientCategory: OutpatientCategory;
}

/** The medical-assistance category the person's special-group flags give (the strongest first), or null. */
export function assistanceCategoryOf(flags: readonly PersonFlag[]): AssistanceCategory | null {
  if (flags.includes('tekun')) return 'tekun';
  if (flags.includes('dibao')) return 'dibao';
  if (flags.includes('monitored')) return 'monitored';
  if (flags.includes('tuopin')) return 'lifted';
  return null;
}

/** The resident tier on the person's current resident-insurance record (type 390), when known. */
export function residentTierOf(person: EstimatePerson): ResidentTier | null {
  const record = (person.insurance ?? []).find((r) => r.type === '390' && r.status === '1' && r.tier);
  return record?.tier ?? null;
}

export function defaultAssumptions(person: EstimatePerson): Assumptions {
  return { residentTier: residentTierOf(person) ?? '', outpatientCategory: 'general' };
}

/** Ready to ask the calculator, or why not yet (nothing to estimate from). */
export type Prepared = { ready: true; kind: ItemEstimateKind; input: Record<string, unknown> } | { ready: false; waitingFor: 'invoices' | 'category' | 'tier' };

function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined && v !== ''));
}

/** 一单制 estimate of a manual claim: the invoice lines with an amount, the form's answers, the person's assistance category. */
export function claimInput(itemCode: string, form: FormValues, person: EstimatePerson, a: Assumptions): Prepared {
  const careType = CLAIM_ITEMS[itemCode];
  if (!careType) throw new Error(`not a claim item: ${itemCode}`);
  const rows = Array.isArray(form.invoices) ? (form.invoices as Record<string, unknown>[]) : [];
  const invoices = rows
    .filter((r) => typeof r.amountFen === 'number')
    .map((r) => ({ amountFen: r.amountFen as number, ...(typeof r.selfPaidFen === 'number' ? { selfPaidFen: r.selfPaidFen } : {}) }));
  if (invoices.length === 0) return { ready: false, waitingFor: 'invoices' };
  const resident = form.insuranceType === 'resident';
  if (resident && a.residentTier === '') return { ready: false, waitingFor: 'tier' };
  const input = defined({
    careType,
    insuranceType: form.insuranceType,
    residentTier: resident ? a.residentTier : undefined,
    hospitalLevel: form.hospitalLevel,
    outOfAreaType: form.outOfAreaType ?? 'local',
    ...(careType === 'outpatient'
      ? { outpatientCategory: a.outpatientCategory, visitDate: form.visitDate }
      : { admissionDate: form.admissionDate, dischargeDate: form.dischargeDate }),
    invoices,
    assistanceCategory: assistanceCategoryOf(person.flags) ?? undefined,
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

export function prepareEstimate(itemCode: string, form: FormValues, person: EstimatePerson, a: Assumptions, today: string): Prepared | null {
  const kind = estimateKindFor(itemCode);
  if (kind === 'claim') return claimInput(itemCode, form, person, a);
  if (kind === 'contribution') return contributionInput(form, person, today);
  return null;
}
