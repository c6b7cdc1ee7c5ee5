import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { announceSkip, ARTIFACTS, residentId, screenshot, step, todayShanghai } from './harness';
import { signIn, stationUnderTest } from './steps';

const skip = announceSkip('batch-import');

const HEADER = ['姓名', '证件号码', '参保年度', '人员类别', '缴费档次', '困难群体类别', '参保依据', '户籍地或居住地区划代码', '联系电话'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚华玉萍红玲芬燕辉'];

/** A class of 500 students of the school's town, born 2012–2015. */
function student(i: number): (string | number)[] {
  const birth = `201${2 + (i % 4)}-0${1 + (i % 9)}-1${i % 10}`;
  const year = Number(todayShanghai().slice(0, 4)) + 1;
  return [`学生${GIVEN[i % GIVEN.length]}${GIVEN[Math.floor(i / GIVEN.length) % GIVEN.length]}`, residentId(birth, 100 + (i % 800)), year, '在校学生', '', '无', '本地户籍', '371002', `139${String(10_000_000 + i).padStart(8, '0')}`];
}

async function writeXlsx(path: string, rows: (string | number)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  // ID numbers as text, as the template sets the column.
  ws.getColumn(2).numFmt = '@';
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
}

/**
 * Batch proxy import (批量代办), as the issue tells it: a helper downloads the template, imports a 500-row class
 * list with 7 bad rows → the error table names each (row, column, Chinese reason) and nothing is written → the
 * annotated sheet comes back → the corrected file is imported with a progress bar → 500 cases in one batch →
 * importing the same file again adds none.
 */
describe.skipIf(skip)('batch proxy import of a school class', () => {
  const station = stationUnderTest('batch-import', { persons: 20, cases: 0 });

  it('refuses 7 bad rows by name, imports the corrected 500, and adds nothing the second time', { timeout: 300_000 }, () =>
    step(station.page, 'batch-import', async () => {
      const { page, serve } = station;
      const dir = join(ARTIFACTS, 'batch');
      mkdirSync(dir, { recursive: true });
      const good = Array.from({ length: 500 }, (_, i) => student(i));
      const bad = good.map((r) => [...r]);
      bad[10]![1] = String(bad[10]![1]).slice(0, 17) + (String(bad[10]![1]).endsWith('X') ? '0' : 'X'); // check character
      bad[50]![0] = ''; // no name
      bad[99]![3] = '大学生'; // not an option
      bad[150]![4] = '一档'; // a tier for a student
      bad[200]![2] = 1999; // year out of range
      bad[301]![1] = bad[300]![1]!; // the same child twice
      bad[499]![7] = '3710'; // region code
      const badPath = join(dir, '三年级二班.xlsx');
      const goodPath = join(dir, '三年级二班-改正.xlsx');
      await writeXlsx(badPath, bad);
      await writeXlsx(goodPath, good);

      await signIn(page, serve, 'helper1');
      await page.goto(`${serve.origin}/#/batch`);
      await page.locator('#batch-item').selectOption('resident_enrollment');
      // The template downloads as .xlsx.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-template').click()]);
      expect(download.suggestedFilename()).toBe('城乡居民参保登记-批量代办模板.xlsx');

      await page.locator('#agent-name').fill('李老师');
      await page.locator('#agent-id').fill(residentId('1980-05-04', 7));
      await page.locator('#agent-phone').fill('13800001111');
      await page.getByTestId('batch-file').setInputFiles(badPath);
      await page.getByTestId('batch-validate').click();
      const issues = page.getByTestId('batch-issues');
      await issues.waitFor();
      expect(await page.getByTestId('batch-summary').textContent()).toContain('可导入 493 行，有错误 7 行');
      const rows = await issues.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
      expect(rows.map((r) => [Number(r[0]), r[1]])).toEqual([
        [12, '证件号码'],
        [52, '姓名'],
        [101, '人员类别'],
        [152, '缴费档次'],
        [202, '参保年度'],
        [303, '证件号码'],
        [501, '户籍地或居住地区划代码'],
      ]);
      expect(rows.find((r) => r[0] === '303')![2]).toContain('第 302 行');
      for (const r of rows) expect(r[2]).toMatch(/[\u4e00-\u9fff]/);
      await screenshot(page, 'batch-errors');
      // Nothing was written.
      expect((await serve.call('batch.list', {})).ok && (await serve.call('batch.list', {}))).toMatchObject({ value: [] });

      // The sheet back with the errors marked.
      const [annotated] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-annotate').click()]);
      const annotatedPath = join(dir, annotated.suggestedFilename());
      await annotated.saveAs(annotatedPath);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(annotatedPath) as unknown as ArrayBuffer);
      expect(String(wb.worksheets[0]!.getRow(52).getCell(HEADER.length + 1).value)).toContain('「姓名」');

      // The corrected file: every row valid, imported with a progress bar.
      await page.getByTestId('batch-file').setInputFiles(goodPath);
      await page.getByTestId('batch-validate').click();
      await page.getByTestId('batch-summary').filter({ hasText: '可导入 500 行，有错误 0 行' }).waitFor();
      await page.getByTestId('batch-start').click();
      await page.getByTestId('batch-progress').waitFor();
      await page.locator('[data-testid="batch-progress"][data-state="done"]').waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('batch-progress').textContent()).toContain('已导入 500 / 500 行');
      await screenshot(page, 'batch-done');
      const batches = await serve.call('batch.list', {});
      expect(batches.ok && batches.value.map((b) => [b.fileName, b.imported, b.total, b.state])).toEqual([['三年级二班-改正.xlsx', 500, 500, 'done']]);

      // The same file again: nothing to import, nothing made.
      await page.getByTestId('batch-file').setInputFiles(goodPath);
      await page.getByTestId('batch-validate').click();
      await page.getByTestId('batch-summary').filter({ hasText: '可导入 0 行' }).waitFor();
      expect(await page.getByTestId('batch-summary').textContent()).toContain('已导入过 500 行');
      expect(await page.getByTestId('batch-start').isDisabled()).toBe(true);
      const detail = await serve.call('batch.get', { batchId: batches.ok ? batches.value[0]!.id : '', withRows: true });
      expect(detail.ok && detail.value.rows.length).toBe(500);

      // The batch's page: every row's case.
      await page.goto(`${serve.origin}/#/batch/${batches.ok ? batches.value[0]!.id : ''}`);
      await page.getByTestId('batch-rows').waitFor();
      expect(await page.getByTestId('batch-rows').locator('tbody tr').count()).toBe(500);
    }),
  );
});
