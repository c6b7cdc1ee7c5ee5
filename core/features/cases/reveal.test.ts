import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import { materialsFor } from '../../../shared/cases/materials';
import { sampleFormOn, withOwnInvoices } from '../../testing/seed';

/** The case page shows the payout account masked; cases.revealField shows it in full and records who saw it. */
let st: TestStation;
beforeEach(async () => {
  st = await createTestStation();
});
afterEach(() => st.cleanup());

describe('cases.revealField', () => {
  it('returns the account and writes an audit row naming the case, the field and the person', async () => {
    const clerk = await st.as('clerk');
    const personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1948-05-06', 17), name: '王秀英' })).id;
    const item = st.core.ctx.catalog.get('outpatient_reimbursement')!;
    const form = withOwnInvoices(sampleFormOn(item, '2026-11-23'), 'R');
    const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
    const v = await st.call(clerk, 'cases.intake', { itemCode: item.code, personId, form, materialsReceived: received });
    const before = (st.core.ctx.db.prepare('SELECT max(id) AS m FROM audit_log').get() as { m: number }).m;
    const r = await st.call(clerk, 'cases.revealField', { caseId: v.case.id, field: 'bankAccount' });
    expect(r.value).toBe('6228480123456789012');
    const rows = st.core.ctx.db.prepare('SELECT action, entity_id AS id, detail FROM audit_log WHERE id > ?').all(before) as { action: string; id: string; detail: string }[];
    expect(rows.map((x) => x.action)).toEqual(['case.field_reveal']);
    expect(rows[0]!.id).toBe(v.case.id);
    expect(JSON.parse(rows[0]!.detail)).toMatchObject({ caseNo: v.case.caseNo, field: 'bankAccount', personIds: [personId] });
  });

  it('refuses a field that is not revealable, naming it', async () => {
    const clerk = await st.as('clerk');
    const r = await st.callRaw(clerk, 'cases.revealField', { caseId: '0190a0e4-0000-7000-8000-000000000001', field: 'phone' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'field' } });
  });
});
