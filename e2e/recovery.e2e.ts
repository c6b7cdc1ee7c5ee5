import { describe, expect, it } from 'vitest';
import { announceSkip, residentId, step } from './harness';
import { accept, openIntake, personByIdNumber, readReceipt, ScreenScans, signIn, signOut, stationUnderTest, tickMaterials } from './steps';
import { fillOutpatientClaim, tickClaimMaterials } from './forms';

const skip = announceSkip('recovery');

/**
 * The window's browser tab dies half-way through a long claim (a crash, a power cut, a reload): when the clerk
 * opens the same intake again, what was typed is offered back — and once it is accepted, nothing is offered
 * any more.
 */
describe.skipIf(skip)('clerk: typing survives a crash of the window, and a removed line can be put back', () => {
  const station = stationUnderTest('recovery', { persons: 100, cases: 0 });

  it('offers the unsaved claim back after a reload, and forgets it once accepted', { timeout: 120_000 }, () =>
    step(station.page, 'recovery', async () => {
      const { page, serve } = station;
      await signIn(page, serve, 'clerk1');
      const person = await personByIdNumber(serve, residentId('1926-01-03', 1, '371003'));
      await openIntake(page, serve, person.id, 'outpatient_reimbursement');
      await expect(page.locator('.recovery-offer').count()).resolves.toBe(0);
      await fillOutpatientClaim(page, [{ amount: '1234.56', selfPaid: '120' }, { amount: '86.4' }]);
      await tickMaterials(page, ['credential']);
      await page.waitForTimeout(600); // longer than the 300 ms the form waits before keeping what was typed

      // The tab goes away without saving anything.
      await page.reload();
      await page.locator('.app-header').waitFor();
      await openIntake(page, serve, person.id, 'outpatient_reimbursement');
      const offer = page.locator('.recovery-offer');
      await offer.waitFor();
      expect(await offer.textContent()).toContain('未保存的填写内容');
      const scans = new ScreenScans();
      await scans.scan(page, 'recovery-offer-zh-CN');
      scans.expectNone();
      await expect(page.locator('#f-hospitalName').inputValue()).resolves.toBe('');
      await offer.getByRole('button', { name: '恢复填写内容' }).click();
      await expect(offer.count()).resolves.toBe(0);
      await expect(page.locator('#f-hospitalName').inputValue()).resolves.toBe('如东县人民医院');
      await expect(page.locator('#f-invoices-1-amountFen').inputValue()).resolves.toBe('86.4');
      await expect(page.locator('#mat-credential').isChecked()).resolves.toBe(true);

      // A line removed by mistake comes back with one key press (focus is on "undo" after the removal).
      await page.getByRole('button', { name: '删除第 2 行' }).click();
      await expect(page.locator('#f-invoices-1-amountFen').count()).resolves.toBe(0);
      await expect(page.locator('.rows-table tfoot').textContent()).resolves.toContain('1,234.56');
      await expect(page.locator('.row-removed').textContent()).resolves.toContain('已删除第 2 行');
      await page.keyboard.press('Enter');
      await expect(page.locator('#f-invoices-1-amountFen').inputValue()).resolves.toBe('86.4');
      await expect(page.locator('.rows-table tfoot').textContent()).resolves.toContain('1,320.96');
      await expect(page.locator('.row-removed').count()).resolves.toBe(0);

      await tickClaimMaterials(page);
      await accept(page);
      const receipt = await readReceipt(page);
      expect(receipt.caseNo).toMatch(/-\d{8}-\d{4}$/);

      // Accepted: the same intake opened again starts empty, with nothing offered.
      await openIntake(page, serve, person.id, 'outpatient_reimbursement');
      await page.waitForTimeout(300);
      await expect(page.locator('.recovery-offer').count()).resolves.toBe(0);
      await expect(page.locator('#f-hospitalName').inputValue()).resolves.toBe('');
    }),
  );

  it('asks at sign-out whether to keep unsaved typing: kept sealed for the same clerk, or dropped', { timeout: 120_000 }, () =>
    step(station.page, 'recovery-sign-out', async () => {
      const { page, serve } = station;
      // Still signed in as clerk1 from the story above.
      const person = await personByIdNumber(serve, residentId('1926-01-04', 1, '371003'));
      const typeClaim = async () => {
        await openIntake(page, serve, person.id, 'outpatient_reimbursement');
        await fillOutpatientClaim(page, [{ amount: '4321.09' }]);
        await page.waitForTimeout(600); // longer than the 300 ms the form waits before keeping what was typed
      };
      const storage = () => page.evaluate('JSON.stringify(Object.entries(localStorage))') as Promise<string>;
      await typeClaim();

      // Kept: the browser profile holds it sealed — no hospital, no amount, no ID number in the clear.
      expect(await signOut(page, 'keep')).toEqual({ asked: true });
      const sealed = await storage();
      expect(sealed.length).toBeGreaterThan(0);
      for (const plain of ['如东县人民医院', '王秀英', '6228 4801', '62284801', '4321.09', '432109', person.idNumber, person.name]) expect(sealed).not.toContain(plain);
      await signIn(page, serve, 'clerk1');
      await openIntake(page, serve, person.id, 'outpatient_reimbursement');
      const offer = page.locator('.recovery-offer');
      await offer.waitFor();
      await offer.getByRole('button', { name: '恢复填写内容' }).click();
      await expect(page.locator('#f-hospitalName').inputValue()).resolves.toBe('如东县人民医院');
      await expect(page.locator('#f-invoices-0-amountFen').inputValue()).resolves.toBe('4321.09');

      // Dropped: nothing is offered at the next sign-in.
      expect(await signOut(page, 'drop')).toEqual({ asked: true });
      await signIn(page, serve, 'clerk1');
      await openIntake(page, serve, person.id, 'outpatient_reimbursement');
      await page.waitForTimeout(300);
      await expect(page.locator('.recovery-offer').count()).resolves.toBe(0);
      expect(await signOut(page)).toEqual({ asked: false });
    }),
  );
});
