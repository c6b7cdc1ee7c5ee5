import { describe, expect, it } from 'vitest';
import { announceSkip, daysAgo, residentId, step, todayShanghai } from './harness';
import { accept, caseIdByNo, lookUpPerson, pickItem, readReceipt, signIn, stationUnderTest, tickMaterials } from './steps';
import { fillOutpatientClaim } from './forms';

const skip = announceSkip('rongque');

/**
 * A reimbursement claim whose itemised cost list (费用清单, deferrable) is missing: accepted under 容缺 with a
 * promise date, shown in the queue as awaiting materials, completed when the list arrives.
 */
describe.skipIf(skip)('clerk: reimbursement accepted under 容缺, completed when the cost list arrives', () => {
  const station = stationUnderTest('rongque', { persons: 100, cases: 0 });

  it('accepts with a promise date, lists it as awaiting materials, completes it', { timeout: 120_000 }, () =>
    step(station.page, 'rongque', async () => {
      const { page, serve } = station;
      await signIn(page, serve, 'clerk2');
      // Roster row 9 of the synthetic roster (area 371003, born 1926-01-03), straight from the intake screen.
      await page.keyboard.press('Alt+3');
      await lookUpPerson(page, residentId('1926-01-03', 1, '371003'));
      await pickItem(page, 'mzfy', 'outpatient_reimbursement');
      // Amounts typed in yuan; the first line with a 3-decimal typo.
      await fillOutpatientClaim(page, [{ amount: '1234.567' }, { amount: '86.4' }]);

      await tickMaterials(page, ['credential', 'prescription_or_records']);
      await accept(page);

      // The amount with three decimals is refused beside its cell, before anything is sent.
      const cellError = page.locator('#f-invoices-0-amountFen-error');
      await cellError.waitFor();
      expect(await cellError.textContent()).toContain('两位小数');
      await page.locator('#f-invoices-0-amountFen').fill('1234.56');
      await expect(page.locator('.rows-table tfoot').textContent()).resolves.toContain('1,320.96');
      await accept(page);

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
      await tickMaterials(page, ['receipts']);
      await accept(page);

      // Only the deferrable cost list is missing: 容缺 with a promise date (the latest allowed is proposed).
      const dialog = page.getByRole('dialog', { name: '容缺受理' });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('门诊费用明细清单');
      const promise = await page.locator('#promise-date').inputValue();
      expect(promise > todayShanghai()).toBe(true);
      await dialog.getByRole('button', { name: '容缺受理' }).click();

      const receipt = await readReceipt(page);
      expect(receipt.text).toContain(`申请人承诺于 ${promise} 前补齐`);

      const caseId = await caseIdByNo(serve, receipt.caseNo);
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
      const row = page.locator(`.qrow[data-case-no="${receipt.caseNo}"]`);
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
