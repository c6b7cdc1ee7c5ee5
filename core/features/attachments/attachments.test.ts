import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, refusalOf, residentId, type TestStation } from '../../testing/fixtures';
import { sampleFormOn } from '../../testing/seed';
import { materialsFor } from '../../../shared/cases/materials';
import type { Case } from '../../../shared/cases/model';
import type { Session } from '../../session';
import { applyCentralCaseState } from '../sync/apply';
import { CENTRAL_MINOR_KEY } from '../../context';
import { FILING_SINCE } from '../../../shared/sync/ops';

/**
 * A case's file takes documents until the case is withdrawn: while central has not decided, a scan for one of the
 * case's materials marks it received; once central decided (approved, rejected, completed), the document is filed
 * with the case (归档, e.g. the receipt signed after 即时办结) and the materials stay as central decided on them.
 */
let st: TestStation;
let clerk: Session;
let personId: string;
beforeEach(async () => {
  st = await createTestStation();
  clerk = await st.as('clerk');
  personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1951-03-14', 23), name: '陈桂兰' })).id;
  // The station last talked to a central that files documents of decided cases.
  st.core.ctx.repos.syncMeta.set(CENTRAL_MINOR_KEY, String(FILING_SINCE));
});
afterEach(() => st.cleanup());

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
let n = 0;
/** A distinct PNG each time (content-addressed files). */
const png = () => Buffer.concat([PNG, Buffer.from(`scan-${++n}`)]).toString('base64');

/** 容缺: an inpatient reimbursement taken in with its deferrable materials still owed. */
async function owingMaterials(): Promise<{ c: Case; owed: string }> {
  const code = 'inpatient_reimbursement';
  const item = st.core.ctx.catalog.get(code)!;
  const form = sampleFormOn(item, '2026-11-23');
  const needs = materialsFor(item, form, false).filter((m) => m.needed);
  const owed = needs.find((m) => m.material.deferrable)!.material.code;
  const received = needs.filter((m) => !m.material.deferrable).map((m) => m.material.code);
  const promiseDate = st.core.ctx.calendar.addWorkingDays('2026-11-23', 5).date;
  const c = (await st.call(clerk, 'cases.intake', { itemCode: code, personId, form, materialsReceived: received, promiseDate })).case;
  expect(c.status).toBe('awaiting_materials');
  return { c, owed };
}

const ops = (caseId: string) => st.core.ctx.db.prepare('SELECT kind FROM outbox WHERE case_id = ? ORDER BY seq').pluck().all(caseId);
const received = (c: Case, code: string) => c.materials.find((m) => m.code === code)?.received;

describe('attachments.add by case status', () => {
  it('before central decided, a scan for an owed material marks it received', async () => {
    const { c, owed } = await owingMaterials();
    await st.call(clerk, 'attachments.add', { caseId: c.id, version: c.version, materialCode: owed, fileName: '费用清单.png', mime: 'image/png', dataBase64: png() });
    expect(received((await st.call(clerk, 'cases.get', { caseId: c.id })).case, owed)).toBe(true);
  });

  it.each(['completed', 'rejected'] as const)('once central %s the case, a document is filed with it and the materials stay as decided', async (status) => {
    const { c, owed } = await owingMaterials();
    st.core.ctx.tx(() => applyCentralCaseState(st.core.ctx, { caseId: c.id, centralVersion: 2, status, note: '中心已办理' }));
    const decided = (await st.call(clerk, 'cases.get', { caseId: c.id })).case;
    expect(decided.status).toBe(status);

    const r = await st.call(clerk, 'attachments.add', { caseId: c.id, version: decided.version, materialCode: owed, fileName: 'signature-receipt-applicant.png', mime: 'image/png', dataBase64: png() });
    const after = (await st.call(clerk, 'cases.get', { caseId: c.id })).case;
    expect(after).toMatchObject({ status, version: decided.version + 1 });
    expect(after.materials).toEqual(decided.materials);
    expect(received(after, owed)).toBe(false);
    expect((await st.call(clerk, 'attachments.list', { caseId: c.id })).map((a) => a.id)).toEqual([r.attachment.id]);
    expect(ops(c.id).at(-1)).toBe('case.attachment_added');
  });

  it('with a central older than 1.6 a decided case takes no document, and nothing is written', async () => {
    st.core.ctx.repos.syncMeta.set(CENTRAL_MINOR_KEY, String(FILING_SINCE - 1));
    const { c } = await owingMaterials();
    st.core.ctx.tx(() => applyCentralCaseState(st.core.ctx, { caseId: c.id, centralVersion: 2, status: 'completed', note: '即时办结' }));
    const decided = (await st.call(clerk, 'cases.get', { caseId: c.id })).case;
    const before = ops(c.id);
    const err = await refusalOf(st.call(clerk, 'attachments.add', { caseId: c.id, version: decided.version, fileName: '扫描件.png', mime: 'image/png', dataBase64: png() }));
    expect(err).toMatchObject({ code: 'illegal_transition', field: 'caseId' });
    expect(err.message).toContain(`1.${FILING_SINCE - 1}`);
    expect(ops(c.id)).toEqual(before);
    expect(await st.call(clerk, 'attachments.list', { caseId: c.id })).toEqual([]);
  });

  it('a withdrawn case takes no more documents, and nothing is written', async () => {
    const { c } = await owingMaterials();
    const w = await st.call(clerk, 'cases.withdraw', { caseId: c.id, version: c.version, reason: '群众不办了' });
    const before = ops(c.id);
    const err = await refusalOf(st.call(clerk, 'attachments.add', { caseId: c.id, version: w.case.version, fileName: '扫描件.png', mime: 'image/png', dataBase64: png() }));
    expect(err).toMatchObject({ code: 'illegal_transition', field: 'caseId', message: '已撤回的案件不能再添加附件' });
    expect(ops(c.id)).toEqual(before);
    expect(await st.call(clerk, 'attachments.list', { caseId: c.id })).toEqual([]);
  });
});
