import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import type { Session } from '../../session';
import type { ApiError } from '../../../shared/api/errors';
import type { Proxy } from '../../../shared/cases/model';
import type { FormValues } from '../../../shared/catalog/form';
import { materialsFor } from '../../../shared/cases/materials';
import { sampleFormOn } from '../../testing/seed';
import { applyCentralCaseState } from '../sync/apply';

/**
 * Counter integrity (#12): every rule of the form, the agent and the invoices refuses bad input at 受理 with a
 * Chinese message naming the field — and changes nothing: the database file, its WAL and every table are the
 * same bytes and rows after the refusal as before it.
 */

let st: TestStation;
let clerk: Session;
let personId: string;
const BORN = '1948-05-06';
const PRINCIPAL_ID = residentId(BORN, 17);
const AGENT: Proxy = { name: '李建华', idNumber: residentId('1975-06-01', 35), relationship: 'child', authorisationReceived: true };

beforeEach(async () => {
  st = await createTestStation();
  clerk = await st.as('clerk');
  personId = (await st.call(clerk, 'persons.register', { idNumber: PRINCIPAL_ID, name: '王秀英' })).id;
});
afterEach(() => st.cleanup());

const item = (code: string) => st.core.ctx.catalog.get(code)!;
/** The sample form of the item on the test day (2026-11-23), with invoice numbers of its own. */
function form(code: string, tag = 'A'): FormValues {
  const f = structuredClone(sampleFormOn(item(code), '2026-11-23'));
  if (Array.isArray(f.invoices)) f.invoices = (f.invoices as Record<string, unknown>[]).map((r, k) => ({ ...r, invoiceNo: `${tag}${k + 1}` }));
  return f;
}
const needed = (code: string, f: FormValues, proxy = false) =>
  materialsFor(item(code), f, proxy)
    .filter((m) => m.needed)
    .map((m) => m.material.code);
const intake = (code: string, f: FormValues, extra: { proxy?: Proxy; promiseDate?: string; materialsReceived?: string[] } = {}) =>
  st.call(clerk, 'cases.intake', { itemCode: code, personId, form: f, materialsReceived: needed(code, f, extra.proxy !== undefined), ...extra });

const TABLES = ['cases', 'case_events', 'audit_log', 'outbox', 'invoice_claims', 'case_numbers', 'persons'];

/** What is on disk: the database file and its WAL (bytes), and the rows of every table a change writes. */
function disk(): { db: string; wal: string; rows: Record<string, unknown[]> } {
  const hash = (p: string) => (existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex') : 'absent');
  const rows: Record<string, unknown[]> = {};
  for (const t of TABLES) rows[t] = st.core.ctx.db.prepare(`SELECT * FROM ${t} ORDER BY ${t === 'invoice_claims' ? 'key' : 'rowid'}`).all();
  return { db: hash(st.dbPath), wal: hash(`${st.dbPath}-wal`), rows };
}

/** The refusal of `call`, checked to have changed nothing at all on disk. */
async function refusedUnchanged(call: () => Promise<unknown>): Promise<ApiError> {
  const before = disk();
  let error: ApiError | null = null;
  try {
    await call();
  } catch (e) {
    error = (e as { apiError?: ApiError }).apiError ?? null;
    if (!error) throw e;
  }
  if (!error) throw new Error('expected a refusal');
  const after = disk();
  expect(after.rows).toEqual(before.rows);
  expect(after.wal).toBe(before.wal);
  expect(after.db).toBe(before.db);
  return error;
}

type FormChange = (f: FormValues) => void;
const rows = (f: FormValues) => f.invoices as Record<string, unknown>[];

describe('the form rules refuse 受理, naming the field, with the database and WAL unchanged', () => {
  it.each<[string, string, FormChange, string, string]>([
    ['discharge before admission', 'inpatient_reimbursement', (f) => (f.dischargeDate = '2026-11-10'), 'form.dischargeDate', '「出院日期」：不能早于「入院日期」（2026-11-13）'],
    ['a visit date in the future', 'outpatient_reimbursement', (f) => (f.visitDate = '2026-11-24'), 'form.visitDate', '「就诊日期」：不能晚于今天'],
    ['an admission date before the person was born', 'inpatient_reimbursement', (f) => (f.admissionDate = '1948-05-05'), 'form.admissionDate', `不能早于参保人的出生日期（${BORN}）`],
    ['a visit date before the person was born', 'outpatient_reimbursement', (f) => (f.visitDate = '1940-01-01'), 'form.visitDate', '不能早于参保人的出生日期'],
    ['an invoice amount of zero', 'outpatient_reimbursement', (f) => (rows(f)[0]!.amountFen = 0), 'form.invoices.0.amountFen', '「票据明细」第 1 行「票据金额」：金额不能少于 0.01 元'],
    ['self-paid above the amount', 'outpatient_reimbursement', (f) => (rows(f)[1]!.selfPaidFen = 8641), 'form.invoices.1.selfPaidFen', '「票据明细」第 2 行「全自费金额」：不能大于本行「票据金额」'],
    ['an invoice dated outside the stay', 'inpatient_reimbursement', (f) => (rows(f)[0]!.invoiceDate = '2026-11-01'), 'form.invoices.0.invoiceDate', '应在「入院日期」至「出院日期」之间'],
    ['an invoice number twice in the claim', 'outpatient_reimbursement', (f) => (rows(f)[1]!.invoiceNo = 'a 1'), 'form.invoices.1.invoiceNo', '与第 1 行重复'],
    ['an account holder name with digits', 'outpatient_reimbursement', (f) => (f.bankAccountName = '王秀英2'), 'form.bankAccountName', '「收款户名」：姓名不能含数字'],
  ])('%s (%s)', async (_what, code, change, field, message) => {
    const f = form(code);
    change(f);
    const err = await refusedUnchanged(() => intake(code, f));
    expect(err.code).toBe('invalid_input');
    expect(err.field).toBe(field);
    expect(err.message).toContain(message);
    // The same form as a draft accepted later: refused the same way at 受理 (a draft is held to what it gives).
    const ok = form(code);
    const d = await st.call(clerk, 'cases.create', { itemCode: code, personId, form: ok, materialsReceived: needed(code, ok) });
    const updated = await refusedUnchanged(() => st.call(clerk, 'cases.updateDraft', { caseId: d.case.id, version: d.case.version, form: f }));
    expect(updated.field).toBe(field);
  });

  it('a draft may be saved incomplete, but 受理 checks everything again', async () => {
    const code = 'inpatient_reimbursement';
    const d = await st.call(clerk, 'cases.create', { itemCode: code, personId, form: { admissionDate: '2026-11-13' } });
    expect(d.case.status).toBe('draft');
    const err = await refusedUnchanged(() => st.call(clerk, 'cases.accept', { caseId: d.case.id, version: d.case.version, materialsReceived: needed(code, form(code)) }));
    expect(err.field).toMatch(/^form\./);
    expect(err.message).toContain('必填');
  });
});

describe('an invoice already claimed by another case of this station', () => {
  it('is refused naming that case; withdrawing that case, or central rejecting it, lets the invoice go', async () => {
    const code = 'outpatient_reimbursement';
    const first = await intake(code, form(code, 'FP'));
    // The second claim lists one of the same receipts (same hospital, the number typed with a space).
    const again = form(code, 'NEW');
    rows(again)[1]!.invoiceNo = 'fp 2';
    const err = await refusedUnchanged(() => intake(code, again));
    expect(err.code).toBe('duplicate');
    expect(err.field).toBe('form.invoices.1.invoiceNo');
    expect(err.message).toBe(`「票据明细」第 2 行「票据号码」：票据 FP2 已在本站案件 ${first.case.caseNo} 中申请报销，不能重复报销`);

    // Another hospital's receipt with the same number is another invoice.
    const elsewhere = form(code, 'FP');
    elsewhere.hospitalName = '如东县人民医院';
    await intake(code, elsewhere);

    // A draft that lists it is saved (drafts hold nothing), but its 受理 is refused until the first case lets go.
    const draft = await st.call(clerk, 'cases.create', { itemCode: code, personId, form: again, materialsReceived: needed(code, again) });
    const refused = await refusedUnchanged(() => st.call(clerk, 'cases.accept', { caseId: draft.case.id, version: draft.case.version }));
    expect(refused.field).toBe('form.invoices.1.invoiceNo');
    await st.call(clerk, 'cases.withdraw', { caseId: first.case.id, version: first.case.version, reason: '申请人改为线下结算' });
    const accepted = await st.call(clerk, 'cases.accept', { caseId: draft.case.id, version: draft.case.version });
    expect(accepted.case.status).toBe('accepted');

    // Central rejects the case now holding FP2: the receipt may be claimed again.
    const third = form(code, 'X');
    rows(third)[0]!.invoiceNo = 'FP2';
    expect((await refusedUnchanged(() => intake(code, third))).message).toContain(accepted.case.caseNo);
    st.core.ctx.tx(() => applyCentralCaseState(st.core.ctx, { caseId: accepted.case.id, centralVersion: 3, status: 'rejected', reason: '不符合报销条件' }));
    expect((await intake(code, third)).case.status).toBe('accepted');
  });

  it('a case holds its invoices from 受理 on: the index lists them, and a correction that changes them is re-indexed', async () => {
    const code = 'outpatient_reimbursement';
    const v = await intake(code, form(code, 'K'));
    const keys = () => st.core.ctx.repos.invoiceClaims.keysOf(v.case.id);
    expect(keys()).toEqual(['上海市第六人民医院|K1', '上海市第六人民医院|K2']);
    st.core.ctx.tx(() => applyCentralCaseState(st.core.ctx, { caseId: v.case.id, centralVersion: 2, status: 'returned', note: '请更正票据' }));
    const returned = await st.call(clerk, 'cases.get', { caseId: v.case.id });
    const corrected = form(code, 'K');
    rows(corrected)[1]!.invoiceNo = 'K9';
    await st.call(clerk, 'cases.resubmit', { caseId: v.case.id, version: returned.case.version, form: corrected, reason: '更正第2张票据号码' });
    expect(keys()).toEqual(['上海市第六人民医院|K1', '上海市第六人民医院|K9']);
  });
});

describe('the agent (代办人) rules at intake and at 受理', () => {
  it.each<[string, Partial<Proxy>, string, string]>([
    ['the principal as their own agent', { idNumber: PRINCIPAL_ID }, 'proxy.idNumber', '代办人证件号码：代办人不能是申请人本人'],
    ['the principal’s ID typed in lower case', { idNumber: PRINCIPAL_ID.toLowerCase() }, 'proxy.idNumber', '代办人不能是申请人本人'],
    ['a minor agent', { idNumber: residentId('2010-03-01', 11) }, 'proxy.idNumber', '代办人应为成年人'],
    ['an agent name of one character', { name: '李' }, 'proxy.name', '代办人姓名：代办人姓名至少 2 个字'],
    ['an agent name with digits', { name: '李建华1' }, 'proxy.name', '代办人姓名不能含数字'],
  ])('refuses %s', async (_what, patch, field, message) => {
    const code = 'ltc_application';
    const f = form(code);
    const err = await refusedUnchanged(() => intake(code, f, { proxy: { ...AGENT, ...patch } }));
    expect(err.field).toBe(field);
    expect(err.message).toContain(message);
  });

  it('refuses an agent with no relationship chosen', async () => {
    const code = 'ltc_application';
    const f = form(code);
    const err = await refusedUnchanged(() => intake(code, f, { proxy: { ...AGENT, relationship: '' as Proxy['relationship'] } }));
    expect(err.field).toBe('proxy.relationship');
  });

  it('keeps the agent’s name trimmed (and an intake that is taken changes the WAL: the check above can see it)', async () => {
    const code = 'ltc_application';
    const before = disk();
    const v = await intake(code, form(code), { proxy: { ...AGENT, name: ' 李建华 ' } });
    expect(v.case.proxy?.name).toBe('李建华');
    const after = disk();
    expect(after.wal).not.toBe(before.wal);
    expect(after.rows.cases).toHaveLength(before.rows.cases!.length + 1);
  });
});

describe('the 容缺 promise date', () => {
  it.each<[string, string]>([
    ['2026-11-23', '应在今天之后（最早 2026-11-24）'],
    ['2026-11-28', '2026-11-28 不是工作日'],
    ['2026-12-08', '不能晚于 2026-12-07'],
  ])('refuses %s: %s', async (promiseDate, message) => {
    const code = 'inpatient_reimbursement';
    const f = form(code);
    const received = materialsFor(item(code), f, false)
      .filter((m) => m.needed && !m.material.deferrable)
      .map((m) => m.material.code);
    const err = await refusedUnchanged(() => intake(code, f, { materialsReceived: received, promiseDate }));
    expect(err.field).toBe('promiseDate');
    expect(err.message).toContain(message);
    expect(err.latestPromiseDate).toBe('2026-12-07');
  });
});

describe('a person’s name at registration', () => {
  it.each([
    ['王', '姓名至少 2 个字'],
    ['王秀英3', '姓名不能含数字'],
    ['Tom (UK)', '只能由汉字、字母和间隔号'],
  ])('refuses %j', async (name, message) => {
    const err = await refusedUnchanged(() => st.call(clerk, 'persons.register', { idNumber: residentId('1960-01-01', 19), name }));
    expect(err.field).toBe('name');
    expect(err.message).toContain(message);
  });

  it('keeps an ethnic-minority name with its dot, trimmed', async () => {
    const p = await st.call(clerk, 'persons.register', { idNumber: residentId('1960-01-01', 19), name: ' 阿依古丽•买买提 ' });
    expect(p.name).toBe('阿依古丽·买买提');
  });
});
