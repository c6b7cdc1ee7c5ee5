import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from './default-catalog';
import { itemEstimate } from './estimates';

describe('item estimates', () => {
  it('name catalog items of the matching family, and nothing else has one', () => {
    const withEstimate = DEFAULT_CATALOG.filter((i) => itemEstimate(i.code) !== null);
    expect(withEstimate.map((i) => i.code).sort()).toEqual(['inpatient_reimbursement', 'outpatient_reimbursement', 'resident_enrollment']);
    for (const i of withEstimate) expect(i.family).toBe(itemEstimate(i.code)!.kind === 'claim' ? 'reimbursement' : 'enrollment');
    expect(itemEstimate('toString')).toBeNull();
    expect(itemEstimate('ltc_application')).toBeNull();
  });
});
