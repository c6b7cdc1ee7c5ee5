import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import type { Session } from '../../session';
import type { ApiError } from '../../../shared/api/errors';
import { materialsFor } from '../../../shared/cases/materials';
import { sampleFormOn, withOwnInvoices } from '../../testing/seed';

/**
 * 受理 with the estimate on screen (#12, point 3): the estimate (its inputs, the tier the clerk chose included) is
 * kept with the case in the acceptance's transaction, and the acceptance names it; a calculator's refusal refuses
 * 受理 and nothing is saved.
 */
let st: TestStation;
let clerk: Session;
let personId: string;
beforeEach(async () => {
  st = await createTestStation();
  clerk = await st.as('clerk');
  personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1948-05-06', 17), name: '王秀英' })).id;
});
afterEach(() => st.cleanup());

const item = (code: string) => st.core.ctx.catalog.get(code)!;
const count = (table: string) => (st.core.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
function needed(code: string, form: Record<string, unknown>) {
  return materialsFor(item(code), form, false)
    .filter((m) => m.needed)
    .map((m) => m.material.code);
}

const claimEstimate = (tier: string) => ({
  kind: 'claim' as const,
  input: { careType: 'outpatient', insuranceType: 'resident', residentTier: tier, hospitalLevel: 'level3', outOfAreaType: 'local', visitDate: '2026-11-13', invoices: [{ amountFen: 123456, selfPaidFen: 12000 }, { amountFen: 8640 }] },
});

describe('the estimate on screen at 受理 is kept with the case', () => {
  it('one-step intake: kept in the same transaction, with the tier the clerk chose; the acceptance names it', async () => {
    const code = 'outpatient_reimbursement';
    const form = withOwnInvoices({ ...sampleFormOn(item(code), '2026-11-23'), insuranceType: 'resident', outOfAreaType: 'local' }, 'K');
    const v = await st.call(clerk, 'cases.intake', { itemCode: code, personId, form, materialsReceived: needed(code, form), estimate: claimEstimate('tier2') });
    const kept = await st.call(clerk, 'cases.estimates', { caseId: v.case.id });
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ kind: 'claim', caseId: v.case.id, input: { residentTier: 'tier2' } });
    const accept = v.events.find((e) => e.kind === 'accept')!;
    expect(accept.data).toMatchObject({ estimateId: kept[0]!.id, estimateKind: 'claim' });
  });

  it('受理 of a draft: the same', async () => {
    const code = 'outpatient_reimbursement';
    const form = withOwnInvoices({ ...sampleFormOn(item(code), '2026-11-23'), insuranceType: 'resident', outOfAreaType: 'local' }, 'D');
    const d = await st.call(clerk, 'cases.create', { itemCode: code, personId, form, materialsReceived: needed(code, form) });
    const v = await st.call(clerk, 'cases.accept', { caseId: d.case.id, version: d.case.version, estimate: claimEstimate('tier1') });
    const kept = await st.call(clerk, 'cases.estimates', { caseId: v.case.id });
    expect(kept.map((e) => [e.kind, (e.input as { residentTier: string }).residentTier])).toEqual([['claim', 'tier1']]);
  });

  it('an enrollment keeps the contribution: the amount due, how to pay, the day cover starts', async () => {
    const code = 'resident_enrollment';
    const form = sampleFormOn(item(code), '2026-11-23');
    const estimate = { kind: 'contribution' as const, input: { enrollmentYear: 2027, personCategory: 'adult', contributionTier: 'tier1', hardshipGroup: 'none', acceptanceDate: '2026-11-23' } };
    const v = await st.call(clerk, 'cases.intake', { itemCode: code, personId, form, materialsReceived: needed(code, form), estimate });
    const [kept] = await st.call(clerk, 'cases.estimates', { caseId: v.case.id });
    expect(kept?.kind).toBe('contribution');
    if (kept?.kind !== 'contribution') throw new Error('not a contribution');
    expect(kept.result.personFen).toBeGreaterThan(0);
    expect(kept.result.benefitsFrom).toBe('2027-01-01');
    expect(kept.result.paymentChannels.length).toBeGreaterThan(0);
  });

  it('a calculator refusal refuses 受理, naming the estimate’s field; nothing is saved', async () => {
    const code = 'outpatient_reimbursement';
    const form = withOwnInvoices(sampleFormOn(item(code), '2026-11-23'), 'R');
    const before = { cases: count('cases'), estimates: count('case_estimates'), outbox: count('outbox') };
    const bad = { kind: 'claim' as const, input: { ...claimEstimate('tier1').input, hospitalLevel: 'level9' } };
    const r = await st.callRaw(clerk, 'cases.intake', { itemCode: code, personId, form, materialsReceived: needed(code, form), estimate: bad });
    expect(r.ok).toBe(false);
    const e = (r as { error: ApiError }).error;
    expect(e.field).toBe('estimate.input.hospitalLevel');
    expect({ cases: count('cases'), estimates: count('case_estimates'), outbox: count('outbox') }).toEqual(before);
  });
});
