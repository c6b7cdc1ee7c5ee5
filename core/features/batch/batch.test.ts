import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import type { Session } from '../../session';
import { loadRoster } from '../persons/roster';
import { importFinished } from './batch';
import { decodeCsv, readSheet } from './sheet';
import { sampleFormOn } from '../../testing/seed';
import { materialsFor } from '../../../shared/cases/materials';
import { today } from '../../../shared/time';

/**
 * Batch proxy import (批量代办): the template, every row checked before anything is written, the error table and
 * the annotated sheet, the import in chunks linked to a batch, the same file twice making nothing twice.
 */
let st: TestStation;
let helper: Session;
let clerk: Session;

const AGENT = { name: '李老师', idNumber: residentId('1980-05-04', 7), relationship: 'other' as const, phone: '13800001111', authorisationReceived: true };
const HEADER = ['姓名', '证件号码', '参保年度', '人员类别', '缴费档次', '困难群体类别', '参保依据', '户籍地或居住地区划代码', '联系电话'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚华玉萍红玲芬燕辉'];

/** Row i of a school class: a student born 2012–2015. */
function student(i: number): (string | number)[] {
  const birth = `201${2 + (i % 4)}-0${1 + (i % 9)}-1${i % 10}`;
  return [`学生${GIVEN[i % GIVEN.length]}${GIVEN[Math.floor(i / GIVEN.length) % GIVEN.length]}`, residentId(birth, 100 + (i % 800)), 2027, '在校学生', '', '无', '本地户籍', '371002', `139${String(10_000_000 + i).padStart(8, '0')}`];
}

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const input = (dataBase64: string, fileName = '三年级二班.xlsx') => ({
  itemCode: 'resident_enrollment',
  file: { fileName, dataBase64 },
  agent: AGENT,
  // Every material of the item ticked (the screen's default): each case takes those its row needs.
  materialsReceived: ['valid_id', 'residence_permit', 'student_proof', 'birth_certificate', 'hardship_proof', 'agent_id', 'authorisation'],
});

beforeAll(async () => {
  st = await createTestStation();
  helper = await st.as('proxy_helper');
  clerk = await st.as('clerk');
  // Two persons the roster knows: one already insured, one whose roster name differs from the list.
  await loadRoster(st.core.ctx, () => [
    { idNumber: String(student(3)[1]), name: String(student(3)[0]), regionCode: '371002', insurance: [{ type: '390', status: '1', regionCode: '371002', since: '2020-01-01' }] },
    { idNumber: String(student(4)[1]), name: '另一个名字', regionCode: '371002', insurance: [] },
    // Two more, whose enrollments the window takes in (one kept, one withdrawn).
    { idNumber: String(student(900)[1]), name: String(student(900)[0]), regionCode: '371002', insurance: [] },
    { idNumber: String(student(901)[1]), name: String(student(901)[0]), regionCode: '371002', insurance: [] },
  ]);
});
afterAll(() => st.cleanup());

describe('templates', () => {
  it('offers the three lists, each with an .xlsx template whose header is the item’s columns', async () => {
    const items = await st.call(helper, 'batch.items', {});
    expect(items.map((i) => i.code)).toEqual(['resident_enrollment', 'resident_info_change', 'employee_enrollment']);
    for (const it of items) {
      const t = await st.call(helper, 'batch.template', { itemCode: it.code });
      const { rows } = await readSheet(new Uint8Array(Buffer.from(t.dataBase64, 'base64')));
      expect(rows[0]!.map((h) => String(h).replace('*', ''))).toEqual(it.columns.map((c) => c.header));
    }
    const bad = await st.callRaw(helper, 'batch.template', { itemCode: 'inpatient_reimbursement' });
    expect(bad.ok || bad.error).toMatchObject({ code: 'invalid_input', field: 'itemCode' });
    const byTeam = await st.callRaw(await st.as('mobile_team'), 'batch.items', {});
    expect(byTeam.ok || byTeam.error.code).toBe('forbidden');
  });
});

describe('a 500-row class list with 7 bad rows', () => {
  const good = Array.from({ length: 500 }, (_, i) => student(i + 10));
  const broken = good.map((r) => [...r]);
  // The seven problems, each in its own row (sheet row = index + 2).
  broken[0]![1] = String(broken[0]![1]).slice(0, 17) + (String(broken[0]![1]).endsWith('X') ? '0' : 'X'); // bad check character
  broken[1]![0] = ''; // no name
  broken[2]![3] = '大学生'; // not an option
  broken[3]![4] = '一档'; // a tier for a student: not applicable
  broken[4]![2] = 1999; // enrollment year out of range
  broken[6]![1] = broken[5]![1]!; // the same person twice (row 8 repeats row 7)
  broken[7]![7] = '3710'; // region code not 6 digits
  const brokenRows = [HEADER, ...broken];

  it('names each bad row, column and reason; nothing is written', async () => {
    const before = st.core.ctx.db.prepare('SELECT count(*) AS n FROM cases').get();
    const check = await st.call(helper, 'batch.validate', input(await xlsx(brokenRows)));
    expect(check.total).toBe(500);
    expect(check.invalidRows).toBe(7);
    expect(check.valid).toBe(493);
    const byRow = check.issues.map((i) => [i.row, i.header]);
    expect(byRow).toEqual([
      [2, '证件号码'],
      [3, '姓名'],
      [4, '人员类别'],
      [5, '缴费档次'],
      [6, '参保年度'],
      [8, '证件号码'],
      [9, '户籍地或居住地区划代码'],
    ]);
    expect(check.issues.find((i) => i.row === 8)!.message).toContain('第 7 行');
    for (const i of check.issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/);
    expect(st.core.ctx.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual(before);
  });

  it('gives the file back annotated: each bad cell marked, the reason in the last column', async () => {
    const a = await st.call(helper, 'batch.annotate', input(await xlsx(brokenRows)));
    expect(a.fileName).toBe('三年级二班-校验结果.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(a.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(HEADER.length + 1).value).toBe('错误原因');
    expect(String(ws.getRow(3).getCell(HEADER.length + 1).value)).toContain('「姓名」');
    expect(ws.getRow(3).getCell(1).note).toBeTruthy();
    expect(ws.getRow(10).getCell(HEADER.length + 1).value ?? null).toBeNull();
  });

  it('the corrected file imports 500 cases in a batch; importing it again adds none', async () => {
    const data = await xlsx([HEADER, ...good]);
    const check = await st.call(helper, 'batch.validate', input(data));
    expect(check).toMatchObject({ total: 500, valid: 500, invalidRows: 0, already: 0, batchId: null });
    const started = await st.call(helper, 'batch.start', input(data));
    await importFinished(st.core.ctx, started.batchId);
    const b = await st.call(helper, 'batch.get', { batchId: started.batchId, withRows: true });
    expect(b.batch).toMatchObject({ state: 'done', total: 500, imported: 500, fileName: '三年级二班.xlsx', fileSha256: check.fileSha256, error: null });
    expect(b.rows).toHaveLength(500);
    expect(new Set(b.rows.map((r) => r.status))).toEqual(new Set(['accepted']));
    // Each case has the agent, and its person was registered from the row (an op for central each).
    const c = st.core.ctx.repos.cases.byId(b.rows[0]!.caseId)!;
    expect(c.proxy).toMatchObject({ name: '李老师', relationship: 'other', authorisationReceived: true });
    expect(c.clerkId).toBe(helper.user!.id);
    const ops = st.core.ctx.db.prepare("SELECT kind, count(*) AS n FROM outbox GROUP BY kind ORDER BY kind").all();
    expect(ops).toEqual(expect.arrayContaining([{ kind: 'person.registered', n: 500 }]));
    // Its audit: a row per action and chunk, naming every case and person made; the chain holds; the audit screen
    // finds a student's rows by the student.
    const audits = st.core.ctx.db.prepare("SELECT action, detail FROM audit_log WHERE entity = 'batch' AND entity_id = ?").all(started.batchId) as { action: string; detail: string }[];
    const named = (action: string) => audits.filter((a) => a.action === action).flatMap((a) => (JSON.parse(a.detail) as { entries: { id: string }[] }).entries.map((e) => e.id));
    const caseIds = new Set(b.rows.map((r) => r.caseId));
    expect(named('case.created')).toHaveLength(500);
    expect(new Set(named('case.created'))).toEqual(caseIds);
    expect(new Set(named('case.accept'))).toEqual(caseIds);
    expect(new Set(named('person.register'))).toEqual(new Set(b.rows.map((r) => st.core.ctx.repos.cases.byId(r.caseId)!.personId)));
    expect(st.core.ctx.repos.audit.verify()).toMatchObject({ ok: true });
    // The persons registered from the list are found like any other, by name and by pinyin initials; the name
    // index agrees with the table (FTS5's own check); each case has its own number of the day.
    for (const row of [good[0]!, good[499]!]) {
      const p = st.core.ctx.repos.persons.byIdNumber(String(row[1]))!;
      expect(p).toMatchObject({ name: row[0], source: 'window' });
      expect((await st.call(clerk, 'persons.search', { q: p.name })).map((x) => x.id)).toContain(p.id);
      expect((await st.call(clerk, 'persons.search', { q: `${p.nameInitials} ${String(row[1])}` })).map((x) => x.id)).toContain(p.id);
    }
    expect(() => st.core.ctx.db.exec("INSERT INTO persons_fts(persons_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    expect(new Set(b.rows.map((r) => st.core.ctx.repos.cases.byId(r.caseId)!.caseNo)).size).toBe(500);
    const seen = await st.call(await st.as('supervisor'), 'audit.list', { filter: { personIdNumber: String(good[0]![1]) }, page: { offset: 0, limit: 50 } });
    expect(seen.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['person.register', 'case.created', 'case.accept']));

    const again = await st.call(helper, 'batch.validate', input(data));
    expect(again).toMatchObject({ valid: 0, already: 500, invalidRows: 0, batchId: started.batchId });
    const restarted = await st.call(helper, 'batch.start', input(data));
    expect(restarted.batchId).toBe(started.batchId);
    await importFinished(st.core.ctx, restarted.batchId);
    expect(st.core.ctx.db.prepare("SELECT count(*) AS n FROM cases WHERE item_code = 'resident_enrollment'").get()).toEqual({ n: 500 });
    // The same persons in another file: already imported, not again.
    const other = await st.call(helper, 'batch.validate', input(await xlsx([HEADER, ...good.slice(0, 3)]), '补录.xlsx'));
    expect(other).toMatchObject({ valid: 0, already: 3 });
    // A row central refuses later (the station's sync marks its case rejected) shows on the batch first, with why.
    const refused = b.rows[7]!;
    st.core.ctx.repos.cases.setSync(refused.caseId, 'rejected', '该参保人本年度已在其他地区参保（duplicate-enrollment）');
    const after = await st.call(helper, 'batch.get', { batchId: started.batchId, withRows: true });
    expect(after.batch.rejected).toBe(1);
    expect(after.rows[0]).toMatchObject({ row: refused.row, syncState: 'rejected', syncError: '该参保人本年度已在其他地区参保（duplicate-enrollment）' });
    // The helper's batches are their own: a clerk sees the station's, another helper none.
    expect((await st.call(clerk, 'batch.list', {})).map((x) => x.id)).toContain(started.batchId);
  });

  it('checks against the station: already insured, the roster’s name, an open case, the agent as principal', async () => {
    const rows = [HEADER, student(3), student(4), [...student(5)], student(6)];
    rows[4]![1] = AGENT.idNumber;
    rows[4]![0] = AGENT.name;
    const check = await st.call(helper, 'batch.validate', input(await xlsx(rows), '核对.xlsx'));
    const msg = (row: number) => check.issues.filter((i) => i.row === row).map((i) => i.message).join('|');
    expect(msg(2)).toContain('已参加城乡居民医保');
    expect(msg(3)).toContain('与花名册不一致');
    expect(msg(5)).toContain('代办人');
    expect(check.valid).toBe(1);
  });

  it('checks against the cases the window took in: the same year enrolled is refused naming the case, a withdrawn one is not', async () => {
    const code = 'resident_enrollment';
    const item = st.core.ctx.catalog.get(code)!;
    const form = { ...sampleFormOn(item, today(st.core.ctx.clock)), enrollmentYear: 2027 };
    const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
    const person = (i: number) => st.core.ctx.repos.persons.byIdNumber(String(student(i)[1]))!;
    const kept = await st.call(clerk, 'cases.intake', { itemCode: code, personId: person(900).id, form, materialsReceived: received });
    const dropped = await st.call(clerk, 'cases.intake', { itemCode: code, personId: person(901).id, form, materialsReceived: received });
    await st.call(clerk, 'cases.withdraw', { caseId: dropped.case.id, version: dropped.case.version, reason: '当事人撤回' });
    const check = await st.call(helper, 'batch.validate', input(await xlsx([HEADER, student(900), student(901)]), '核对在办.xlsx'));
    expect(check.issues.map((i) => [i.row, i.message])).toEqual([[2, `已登记 2027 年度参保（案件 ${kept.case.caseNo}）`]]);
    expect(check.valid).toBe(1);
  });

  it('refuses a bad agent or a file that is no list, naming the field; cancel stops an import', async () => {
    const bad = await st.callRaw(helper, 'batch.validate', { ...input(await xlsx([HEADER, student(1)])), agent: { ...AGENT, idNumber: '110105194912310021' } });
    expect(bad.ok || bad.error).toMatchObject({ code: 'invalid_input', field: 'agent.idNumber' });
    const junk = await st.callRaw(helper, 'batch.validate', input(Buffer.from('not a sheet at all').toString('base64'), 'x.csv'));
    expect(junk.ok || junk.error).toMatchObject({ code: 'invalid_input' });
    const many = Array.from({ length: 3000 }, (_, i) => student(1000 + i));
    const s = await st.call(helper, 'batch.start', input(await xlsx([HEADER, ...many]), '大名单.xlsx'));
    const cancelled = await st.call(helper, 'batch.cancel', { batchId: s.batchId });
    await importFinished(st.core.ctx, s.batchId);
    const b = await st.call(helper, 'batch.get', { batchId: s.batchId });
    expect(cancelled.id).toBe(s.batchId);
    expect(b.batch.state).toBe('cancelled');
    expect(b.batch.imported).toBeLessThan(3000);
  });
});

describe('CSV', () => {
  it('reads UTF-8 with a BOM and the GB18030 Excel writes, keeping 18-digit numbers as text', async () => {
    const text = `${HEADER.join(',')}\r\n${student(1).join(',')}\r\n`;
    const gb = new Uint8Array(Buffer.from([0xd5, 0xc5])); // 张 in GB18030
    expect(decodeCsv(gb)).toBe('张');
    const utf = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(text)]);
    const { kind, rows } = await readSheet(utf);
    expect(kind).toBe('csv');
    expect(rows[1]![1]).toBe(student(1)[1]);
    const check = await st.call(helper, 'batch.validate', input(Buffer.from(utf).toString('base64'), '名单.csv'));
    expect(check).toMatchObject({ total: 1, valid: 1 });
  });
});

describe('.xlsx', () => {
  it('reads the first sheet whatever follows it, keeps an empty row for the numbering, and reads text, numbers, dates and rich text', async () => {
    const wb = new ExcelJS.Workbook();
    const list = wb.addWorksheet('名单');
    const notes = wb.addWorksheet('说明');
    notes.addRow(['这不是名单']);
    list.getRow(1).values = HEADER;
    list.getRow(2).values = student(1);
    list.getRow(4).values = [{ richText: [{ text: '学生' }, { text: '甲' }] }, String(student(2)[1]), 2027, new Date(Date.UTC(2027, 0, 1))];
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { kind, rows } = await readSheet(bytes);
    expect(kind).toBe('xlsx');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual(HEADER);
    const blank = (cells: readonly unknown[]) => cells.map((v) => (v === '' ? null : v)); // an empty cell: either
    expect(blank(rows[1]!)).toEqual(blank(student(1)));
    expect(rows[2]).toEqual([]);
    expect(rows[3]).toEqual(['学生甲', student(2)[1], 2027, new Date(Date.UTC(2027, 0, 1))]);
  });
});
