import type { InsuranceRecord } from '../persons';
import type { FormValues } from '../catalog/form';
import type { LocalDate } from '../time';

/**
 * What central completing an enrollment case (or a change, a suspension, a transfer) means for the person's
 * insurance record at the station, so the person card says 参保中 with the type, tier and cover start — the
 * decision read through the form it decided on. Null: the item changes no insurance record.
 *
 * - 城乡居民参保登记 (resident_enrollment): resident basic insurance (390) in force in the form's region, the tier
 *   of the form (minors, students and newborns: `minor`), cover from the date the kept contribution estimate gave
 *   (待遇享受起始日, waiting period included), else 1 January of the coverage year, or the decision date if later.
 * - 职工参保登记 (employee_enrollment): employee basic insurance (310) — in force from the effective date on joining,
 *   resuming or retiring; suspended (2) on interruption; terminated (3) when it ends.
 * - 城乡居民参保信息变更 (resident_info_change): suspension (2) or termination (3) of resident insurance from the stop
 *   date; other changes leave the record.
 * - 转移接续 (transfer_continuation): the insurance type transferred in, in force here from the decision date.
 */
export interface DecisionContext {
  /** The Shanghai date central decided on. */
  decidedOn: LocalDate;
  /** The station's region (where a form names none). */
  stationRegion: string;
  /** 待遇享受起始日 of the contribution estimate kept with the case, when there is one. */
  coverFrom?: LocalDate | null;
}

const RESIDENT: InsuranceRecord['type'] = '390';
const EMPLOYEE: InsuranceRecord['type'] = '310';

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The record of `type` replaced by `next` (kept in the order the person had them; new ones last). */
function put(current: readonly InsuranceRecord[], next: InsuranceRecord): InsuranceRecord[] {
  const i = current.findIndex((r) => r.type === next.type);
  if (i < 0) return [...current, next];
  return current.map((r, j) => (j === i ? next : r));
}

export function insuranceAfterCompletion(itemCode: string, form: FormValues, current: readonly InsuranceRecord[], ctx: DecisionContext): InsuranceRecord[] | null {
  const region = str(form.regionCode) ?? ctx.stationRegion;
  const existing = (type: InsuranceRecord['type']) => current.find((r) => r.type === type) ?? null;
  switch (itemCode) {
    case 'resident_enrollment': {
      const year = typeof form.enrollmentYear === 'number' ? form.enrollmentYear : Number(ctx.decidedOn.slice(0, 4));
      const yearStart = `${year}-01-01`;
      const category = str(form.personCategory);
      const tier: InsuranceRecord['tier'] = category === 'adult' ? (form.contributionTier === 'tier2' ? 'tier2' : 'tier1') : 'minor';
      const since = ctx.coverFrom ?? (ctx.decidedOn > yearStart ? ctx.decidedOn : yearStart);
      return put(current, { type: RESIDENT, status: '1', regionCode: region, since, tier });
    }
    case 'employee_enrollment': {
      const change = str(form.changeType);
      const from = str(form.effectiveDate) ?? ctx.decidedOn;
      const prev = existing(EMPLOYEE);
      const status: InsuranceRecord['status'] | null =
        change === 'join' || change === 'resume' || change === 'retire' ? '1' : change === 'interrupt' ? '2' : change === 'end' ? '3' : null;
      if (status === null) return null;
      return put(current, { type: EMPLOYEE, status, regionCode: prev?.regionCode ?? ctx.stationRegion, since: from, tier: null });
    }
    case 'resident_info_change': {
      const change = str(form.changeType);
      if (change !== 'suspend' && change !== 'terminate') return null;
      const prev = existing(RESIDENT);
      return put(current, { type: RESIDENT, status: change === 'suspend' ? '2' : '3', regionCode: prev?.regionCode ?? ctx.stationRegion, since: str(form.stopDate) ?? ctx.decidedOn, tier: prev?.tier ?? null });
    }
    case 'transfer_continuation': {
      const type = form.insuranceType === 'employee' ? EMPLOYEE : RESIDENT;
      return put(current, { type, status: '1', regionCode: ctx.stationRegion, since: ctx.decidedOn, tier: existing(type)?.tier ?? null });
    }
    default:
      return null;
  }
}
