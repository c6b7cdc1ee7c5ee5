/**
 * Which 待遇测算 the window offers for a catalog item, as data beside the catalog: the item's form feeds that
 * calculator (shared/policy). Items not listed have no estimate at the window (LTC cases have their
 * assessment instead).
 */
export type ItemEstimate = { kind: 'claim'; careType: 'outpatient' | 'inpatient' } | { kind: 'contribution' };

const ITEM_ESTIMATES: Readonly<Record<string, ItemEstimate>> = {
  outpatient_reimbursement: { kind: 'claim', careType: 'outpatient' },
  inpatient_reimbursement: { kind: 'claim', careType: 'inpatient' },
  resident_enrollment: { kind: 'contribution' },
};

/** The estimate an item has at the window, if any. */
export function itemEstimate(itemCode: string): ItemEstimate | null {
  return Object.prototype.hasOwnProperty.call(ITEM_ESTIMATES, itemCode) ? ITEM_ESTIMATES[itemCode]! : null;
}
