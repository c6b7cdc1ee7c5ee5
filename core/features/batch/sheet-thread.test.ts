import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import type { Session } from '../../session';
import { readSheet } from './sheet';
import { annotateOffThread, configureSheetThread, readSheetOffThread, sheetThreadRunning, stopSheetThread, templateOffThread, warmSheetThread } from './sheet-thread';
import { batchColumns } from '../../../shared/batch/rows';

/**
 * The batch import's spreadsheets are read and written on a thread of their own (sheet-thread.ts): the same rows
 * as sheet.ts reads in place, the template and the annotated copy as sheet.ts writes them, and a file that would
 * exhaust that thread's heap refused without taking the core down.
 */
const HEADER = ['姓名', '证件号码', '参保年度', '人员类别', '缴费档次', '困难群体类别', '参保依据', '户籍地或居住地区划代码', '联系电话'];

function student(i: number): (string | number | null)[] {
  const birth = `201${2 + (i % 4)}-0${1 + (i % 9)}-1${i % 10}`;
  return [`学生${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(i / 10) % 12]}`, residentId(birth, 100 + (i % 800)), 2027, '在校学生', null, '无', '本地户籍', '371002', `139${String(10_000_000 + i).padStart(8, '0')}`];
}

async function workbook(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(HEADER);
  for (let i = 0; i < rows; i++) ws.addRow(student(i));
  // A date and rich text, which come back as a Date and as text.
  ws.addRow([{ richText: [{ text: '学生' }, { text: '末' }] }, residentId('2013-05-06', 9), 2027, new Date(Date.UTC(2027, 0, 1))]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

let st: TestStation;
let helper: Session;
beforeAll(async () => {
  st = await createTestStation();
  helper = await st.as('proxy_helper');
});
afterAll(async () => {
  st.cleanup();
  await stopSheetThread();
});

describe('the spreadsheet thread', () => {
  it('reads a list as sheet.ts does — in parts larger than one message — and writes the template and the annotated copy', async () => {
    // Started ahead (the batch screen opened): settles once the thread has loaded exceljs.
    await warmSheetThread();
    const bytes = await workbook(2_500);
    const here = await readSheet(bytes);
    const there = await readSheetOffThread(bytes);
    expect(there.kind).toBe('xlsx');
    expect(there.rows).toHaveLength(2_502);
    expect(there.rows).toEqual(here.rows);
    expect(there.rows[2_501]![3]).toEqual(new Date(Date.UTC(2027, 0, 1)));
    // The caller's bytes are its own still (the thread got a copy).
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect((await readSheet(bytes)).rows).toHaveLength(2_502);

    const item = st.core.ctx.catalog.get('resident_enrollment')!;
    const template = await templateOffThread(item, batchColumns(item));
    const header = (await readSheet(new Uint8Array(template))).rows[0];
    expect(header).toEqual(batchColumns(item).map((c) => (c.required ? `${c.header}*` : c.header)));

    const annotated = await annotateOffThread(bytes, new Map([['idNumber', 1]]), [{ row: 3, column: 'idNumber', header: '证件号码', message: '校验码不对' }]);
    const back = (await readSheet(new Uint8Array(annotated))).rows;
    expect(back[0]![HEADER.length]).toBe('错误原因');
    expect(back[2]![HEADER.length]).toBe('「证件号码」校验码不对');
    expect(back[3]![HEADER.length] ?? null).toBeNull();
  });

  it('refuses a list that would exhaust its heap, naming the file; the core keeps answering and the next list reads', async () => {
    const big = await workbook(19_000);
    const input = (b: Uint8Array) => ({
      itemCode: 'resident_enrollment',
      file: { fileName: '全校名单.xlsx', dataBase64: Buffer.from(b).toString('base64') },
      agent: { name: '李老师', idNumber: residentId('1980-05-04', 7), relationship: 'other' as const, authorisationReceived: true },
      materialsReceived: ['valid_id', 'student_proof', 'agent_id', 'authorisation'],
    });
    // A heap far too small for 19,000 rows (exceljs keeps a whole workbook): the thread ends, as with a zip bomb.
    configureSheetThread({ heapMb: 24 });
    const refused = await st.callRaw(helper, 'batch.validate', input(big));
    expect(refused.ok || refused.error).toMatchObject({ code: 'invalid_input', field: 'file' });
    expect((await st.callRaw(helper, 'batch.items', {})).ok).toBe(true);
    // The ceiling back to its default: a new thread reads a list again.
    configureSheetThread({});
    const check = await st.call(helper, 'batch.validate', input(await workbook(20)));
    expect(check.total).toBe(21);
  });

  it('ends when unused, giving its memory back; the next list starts a new one', async () => {
    configureSheetThread({ idleMs: 300 });
    const bytes = await workbook(10);
    expect((await readSheetOffThread(bytes)).rows).toHaveLength(12);
    expect(sheetThreadRunning()).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(sheetThreadRunning()).toBe(false);
    expect((await readSheetOffThread(bytes)).rows).toHaveLength(12);
    configureSheetThread({});
  });
});
