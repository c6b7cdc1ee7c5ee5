import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  announceSkip,
  ensureRendererBuilt,
  launchBrowser,
  newContext,
  removeDir,
  residentId,
  seed,
  signIn,
  step,
  startServe,
  tempDataDir,
  todayShanghai,
  type ServeProcess,
} from './harness';

const skip = announceSkip('rongque');

function daysAgo(n: number): string {
  const d = new Date(`${todayShanghai()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** Fill the outpatient claim form: amounts typed in yuan, one invoice line with a 3-decimal typo fixed. */
async function fillOutpatientClaim(page: Page): Promise<void> {
  await page.locator('#f-insuranceType').selectOption('resident');
  await page.locator('#f-hospitalName').fill('如东县人民医院');
  await page.locator('#f-hospitalLevel').selectOption('level2');
  await page.locator('#f-visitDate').fill(daysAgo(12));
  await page.locator('#f-outOfAreaType').selectOption('local');
  await page.locator('#f-manualReason').selectOption('system_failure');
  await page.locator('#f-accidentalInjury').selectOption('no');
  await page.locator('#f-bankAccountName').fill('王秀英');
  await page.locator('#f-bankName').fill('中国农业银行如东县支行');
  await page.locator('#f-bankAccount').fill('6228 4801 2345 6789 012');
  await page.locator('#f-invoices-0-invoiceNo').fill('32060021000123');
  await page.locator('#f-invoices-0-invoiceDate').fill(daysAgo(12));
  await page.locator('#f-invoices-0-amountFen').fill('1234.567');
  await page.getByRole('button', { name: '添加一行' }).click();
  await page.locator('#f-invoices-1-invoiceNo').fill('32060021000124');
  await page.locator('#f-invoices-1-invoiceDate').fill(daysAgo(11));
  await page.locator('#f-invoices-1-amountFen').fill('86.4');
}

/**
 * A reimbursement claim whose itemised cost list (费用清单, deferrable) is missing: accepted under 容缺 with a
 * promise date, shown in the queue as awaiting materials, completed when the list arrives.
 */
describe.skipIf(skip)('clerk: reimbursement accepted under 容缺, completed when the cost list arrives', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    await ensureRendererBuilt();
    dataDir = tempDataDir('rongque');
    seed(dataDir, { persons: 100, cases: 0 });
    serve = await startServe(dataDir);
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dataDir) removeDir(dataDir);
  });

  it('accepts with a promise date, lists it as awaiting materials, completes it', { timeout: 120_000 }, () => step(page, 'rongque', async () => {
    await signIn(page, serve, 'clerk2');
    // Roster row 9 of the synthetic roster (area 371003, born 1926-01-03).
    const id = residentId('1926-01-03', 1, '371003');
    await page.keyboard.press('Alt+3');
    await page.locator('#person-lookup').fill(id);
    await page.locator('#person-lookup').press('Enter');
    await page.locator('#item-search').fill('mzfy');
    await page.locator('button[data-item="outpatient_reimbursement"]').click();
    await fillOutpatientClaim(page);

    for (const code of ['credential', 'prescription_or_records']) await page.locator(`#mat-${code}`).check();
    await page.getByRole('button', { name: /^受理/ }).click();

    // The amount with three decimals is refused beside its cell, before anything is sent.
    const cellError = page.locator('#f-invoices-0-amountFen-error');
    await cellError.waitFor();
    expect(await cellError.textContent()).toContain('两位小数');
    await page.locator('#f-invoices-0-amountFen').fill('1234.56');
    await expect(page.locator('.rows-table tfoot').textContent()).resolves.toContain('1,320.96');
    await page.getByRole('button', { name: /^受理/ }).click();

    // The original receipts cannot follow later: no acceptance, the 一次性告知书 lists everything missing.
    const refused = page.getByRole('dialog', { name: '材料不齐，暂不能受理' });
    await refused.waitFor();
    const refusedText = (await refused.textContent()) ?? '';
    expect(refusedText).toContain('医疗机构收费票据（发票）原件');
    expect(refusedText).toContain('门诊费用明细清单');
    await refused.getByRole('button', { name: '打印一次性告知书' }).click();
    const notice = page.getByTestId('notice');
    await notice.waitFor();
    expect(await notice.locator('ol').textContent()).toMatch(/医疗机构收费票据（发票）原件.*门诊费用明细清单/);

    // The person comes back with the receipts: the draft is continued, with everything typed still there.
    await page.getByRole('link', { name: '查看案件' }).click();
    await page.locator('.case-screen .badge-draft').waitFor();
    await page.getByRole('link', { name: '继续受理' }).click();
    await expect(page.locator('#f-invoices-0-amountFen').inputValue()).resolves.toBe('1234.56');
    await expect(page.locator('#f-bankAccount').inputValue()).resolves.toBe('6228480123456789012');
    await expect(page.locator('#mat-credential').isChecked()).resolves.toBe(true);
    await page.locator('#mat-receipts').check();
    await page.getByRole('button', { name: /^受理/ }).click();

    // Only the deferrable cost list is missing: 容缺 with a promise date (the latest allowed is proposed).
    const dialog = page.getByRole('dialog', { name: '容缺受理' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('门诊费用明细清单');
    const promise = await page.locator('#promise-date').inputValue();
    expect(promise > todayShanghai()).toBe(true);
    await dialog.getByRole('button', { name: '容缺受理' }).click();

    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    const caseNo = (await page.getByTestId('receipt-case-no').textContent())?.trim() ?? '';
    expect(await receipt.textContent()).toContain(`申请人承诺于 ${promise} 前补齐`);

    const stored = await serve.call('queue.list', { filter: { q: caseNo }, page: { offset: 0, limit: 1 } });
    expect(stored.ok).toBe(true);
    const caseId = stored.ok ? stored.value.rows[0]!.id : '';
    const view = await serve.call('cases.get', { caseId });
    expect(view.ok && view.value.case.status).toBe('awaiting_materials');
    // Yuan typed, fen stored.
    expect(view.ok && view.value.case.form.invoices).toEqual([
      { invoiceNo: '32060021000123', invoiceDate: daysAgo(12), amountFen: 123456 },
      { invoiceNo: '32060021000124', invoiceDate: daysAgo(11), amountFen: 8640 },
    ]);

    // The queue's "awaiting materials" filter shows it.
    await page.keyboard.press('Alt+1');
    await page.getByLabel('待补材料').check();
    const row = page.locator(`.qrow[data-case-no="${caseNo}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('容缺待补');

    // The cost list arrives: recorded on the case, which becomes accepted with its clock started.
    await row.click();
    await page.locator('li[data-material="cost_list"] input[type="checkbox"]').check();
    await page.getByRole('button', { name: /登记已补交的材料/ }).click();
    await page.locator('.case-screen .badge-accepted').waitFor();
    const after = await serve.call('cases.get', { caseId });
    expect(after.ok && after.value.case.status).toBe('accepted');
    expect(after.ok && after.value.events.map((e) => e.kind)).toContain('complete_materials');
    expect(await page.locator('.timeline').textContent()).toContain('材料补齐');

    // …and it has left the awaiting-materials list.
    await page.keyboard.press('Alt+1');
    await expect(page.getByLabel('待补材料').isChecked()).resolves.toBe(true);
    await page.getByTestId('queue-total').filter({ hasText: '共 0 件' }).waitFor();
  }));
});
