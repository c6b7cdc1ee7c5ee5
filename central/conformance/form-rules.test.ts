import { afterEach, beforeEach, expect, it } from 'vitest';
import { nowInstant } from '../../shared/time';
import type { OpResult } from '../../shared/sync/push';
import type { Proxy } from '../../shared/cases/model';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';
import { INPATIENT_ALL, inpatientForm, residentId, windowPerson } from '../testing/fixtures';

/**
 * Central applies the catalog's cross-field rules with the same schema as the window and the station's core
 * (shared/catalog/form.ts), and the agent rules (shared/cases/proxy.ts): a submission that breaks one is answered
 * `rejected` with `invalid-form`, the field and a Chinese message — and nothing of it is stored.
 */
describeBackends('form rules ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  beforeEach(async () => {
    h = await Harness.create(backend);
    s = await h.enroll('TOWN01');
  });
  afterEach(() => h?.close());

  type Form = Record<string, unknown>;
  const rows = (f: Form) => f.invoices as Record<string, unknown>[];

  /** Push a person (born 1980-01-01) and their inpatient claim in one step; the answer to the claim. */
  async function submit(change: (f: Form) => void, proxy: Proxy | null = null): Promise<{ result: OpResult; caseId: string }> {
    const person = windowPerson(h.newId(), 1, nowInstant(h.clock));
    const form = inpatientForm(['FP1', 'FP2']);
    change(form);
    const received = proxy ? [...INPATIENT_ALL, 'agent_id', 'authorisation'] : INPATIENT_ALL;
    const draft = { ...s.newCase('inpatient_reimbursement', 'reimbursement', person.id, form, received), proxy };
    const res = await s.pushOk([s.op('person.registered', null, { person }, null), s.caseOp('case.accept', null, s.next(draft, { status: 'accepted' }))]);
    expect(res.results[0]!.status).toBe('applied');
    return { result: res.results[1]!, caseId: draft.id };
  }

  it.each<[string, (f: Form) => void, string, string]>([
    ['discharge before admission', (f) => (f.dischargeDate = '2026-04-30'), 'form.dischargeDate', '「出院日期」：不能早于「入院日期」'],
    ['an admission date before the person was born', (f) => (f.admissionDate = '1979-12-31'), 'form.admissionDate', '不能早于参保人的出生日期（1980-01-01）'],
    ['self-paid above the amount', (f) => (rows(f)[1]!.selfPaidFen = 1_000_02), 'form.invoices.1.selfPaidFen', '「票据明细」第 2 行「全自费金额」：不能大于本行「票据金额」'],
    ['an amount of zero', (f) => (rows(f)[0]!.amountFen = 0), 'form.invoices.0.amountFen', '金额不能少于 0.01 元'],
    ['an invoice dated after discharge', (f) => (rows(f)[0]!.invoiceDate = '2026-05-11'), 'form.invoices.0.invoiceDate', '应在「入院日期」至「出院日期」之间'],
    ['one invoice number twice in the claim', (f) => (rows(f)[1]!.invoiceNo = 'fp 1'), 'form.invoices.1.invoiceNo', '与第 1 行重复'],
    ['an account holder name of one character', (f) => (f.bankAccountName = '张'), 'form.bankAccountName', '「收款户名」：姓名至少 2 个字'],
  ])('refuses %s', async (_what, change, field, message) => {
    const { result, caseId } = await submit(change);
    expect(result.status).toBe('rejected');
    expect(result).toMatchObject({ code: 'invalid-form', field });
    expect(result.status === 'rejected' && result.message).toContain(message);
    expect(await h.store.caseById(caseId)).toBeNull();
  });

  it.each<[string, Partial<Proxy>, string, string]>([
    ['the principal as their own agent', { idNumber: residentId(1) }, 'payload.case.proxy.idNumber', '代办人不能是申请人本人'],
    ['a minor agent', { idNumber: residentId(7, '20120101') }, 'payload.case.proxy.idNumber', '代办人应为成年人'],
    ['an agent name with digits', { name: '李四4' }, 'payload.case.proxy.name', '代办人姓名不能含数字'],
  ])('refuses %s', async (_what, patch, field, message) => {
    const agent: Proxy = { name: '李四', idNumber: residentId(2, '19700101'), relationship: 'child', authorisationReceived: true, ...patch };
    const { result, caseId } = await submit(() => undefined, agent);
    expect(result).toMatchObject({ status: 'rejected', code: 'invalid-form', field });
    expect(result.status === 'rejected' && result.message).toContain(message);
    expect(await h.store.caseById(caseId)).toBeNull();
  });

  it('applies the same claim when it keeps the rules (an adult agent, discharge after admission)', async () => {
    const agent: Proxy = { name: '阿依古丽·买买提', idNumber: residentId(2, '19700101'), relationship: 'child', authorisationReceived: true };
    const { result, caseId } = await submit(() => undefined, agent);
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'applied' });
    expect((await h.store.caseById(caseId))?.status).toBe('submitted');
  });
});
