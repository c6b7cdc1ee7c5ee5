import { describe, expect, it } from 'vitest';
import { announceSkip, residentId, step, TINY_PNG } from './harness';
import { accept, lookUpPerson, readReceipt, signIn, startIntakeForShownPerson, stationUnderTest, tickMaterials } from './steps';

const skip = announceSkip('proxy');

/**
 * 帮办代办: a proxy helper takes in a long-term-care application for a person aged 80+; the case shows the
 * agent and the authorisation; the helper's own filters (mine, proxy) find it.
 */
describe.skipIf(skip)('proxy helper: LTC application for an elderly person', () => {
  // A few cases from other users, some with proxies, so the filters have something to leave out.
  const station = stationUnderTest('proxy', { persons: 200, cases: 300 });

  it('records the agent and the authorisation, and the helper finds the case', { timeout: 120_000 }, () =>
    step(station.page, 'proxy', async () => {
      const { page, serve } = station;
      await signIn(page, serve, 'helper1');
      const me = await serve.call('auth.me', {});
      const helperId = me.ok ? me.value.user!.id : '';

      // Roster row 5: born 1926-01-02, area 371003 — a centenarian.
      await page.keyboard.press('Alt+2');
      await lookUpPerson(page, residentId('1926-01-02', 1, '371003'));
      await page.getByTestId('person-card').waitFor();
      expect(await page.getByTestId('hint-elderly').textContent()).toMatch(/高龄老人（\d+ 岁/);
      await startIntakeForShownPerson(page, 'cqhl', 'ltc_application');

      // The helper's own role turns proxy handling on, with the helper as proxy officer.
      await expect(page.getByTestId('proxy-toggle').isChecked()).resolves.toBe(true);
      await expect(page.locator('#proxy-name').inputValue()).resolves.toBe('孙帮办');
      await expect(page.locator('#proxy-relationship').inputValue()).resolves.toBe('proxy_officer');
      const agentId = residentId('1982-03-04', 57, '371002');
      await page.locator('#proxy-idNumber').fill(agentId);
      await page.locator('#proxy-phone').fill('13600001234');
      await page.getByTestId('proxy-authorisation').check();

      await page.locator('#f-insuranceType').selectOption('resident');
      await page.locator('#f-requestedCareMode').selectOption('home');
      await page.locator('#f-institutionName').fill('如东县康乐居家养老服务中心');
      await page.locator('#f-livingSituation').selectOption('with_family');
      await page.locator('#f-assessmentAddress').fill('如东县掘港镇友谊村12组35号');
      await page.locator('#f-contactName').fill('张建国');
      await page.locator('#f-contactRelationship').selectOption('child');
      await page.locator('#f-contactPhone').fill('13512345678');
      // The authorisation ticked in the proxy section is the same material in the checklist.
      await expect(page.locator('#mat-authorisation').isChecked()).resolves.toBe(true);
      // The signed application form is scanned in (a file; the camera input is the same with `capture`).
      await page.locator('li:has(#mat-application_form) input[type="file"]:not([capture])').setInputFiles({ name: 'application-form.png', mimeType: 'image/png', buffer: TINY_PNG });
      await page.locator('.file-chip', { hasText: 'application-form.png' }).waitFor();
      await expect(page.locator('#mat-application_form').isChecked()).resolves.toBe(true);
      expect(await page.locator('li:has(#mat-application_form) input[capture="environment"][accept="image/*,application/pdf"]').count()).toBe(1);
      await tickMaterials(page, ['credential', 'medical_records', 'agent_id']);
      await accept(page);

      const { caseNo, text: receiptText } = await readReceipt(page);
      expect(receiptText).toContain('孙帮办');
      expect(receiptText).toContain('已收授权委托书');
      expect(receiptText).toMatch(/30 个工作日，\d{4}-\d{2}-\d{2} 前办结/);

      // The case shows the agent and the authorisation.
      await page.getByRole('link', { name: '查看案件' }).click();
      const proxy = page.getByTestId('case-proxy');
      await proxy.waitFor();
      const proxyText = (await proxy.textContent()) ?? '';
      expect(proxyText).toContain('孙帮办');
      expect(proxyText).toContain('代办员');
      expect(proxyText).toContain('已收授权委托书');
      expect(proxyText).toContain(`${agentId.slice(0, 6)}********${agentId.slice(-4)}`);

      // The scan is on the case; opening it reads it back through attachments.get.
      await page.getByRole('button', { name: 'application-form.png' }).click();
      const viewer = page.getByRole('dialog', { name: 'application-form.png' });
      await viewer.locator('img').waitFor();
      expect(await viewer.locator('img').getAttribute('src')).toBe(`data:image/png;base64,${TINY_PNG.toString('base64')}`);
      await page.keyboard.press('Escape');
      await viewer.waitFor({ state: 'detached' });

      // The helper's filters: mine + proxy cases.
      await page.keyboard.press('Alt+1');
      await page.getByLabel('我受理的').check();
      await page.getByLabel('帮办代办', { exact: true }).check();
      const row = page.locator(`.qrow[data-case-no="${caseNo}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain('代办：孙帮办');
      const expected = await serve.call('queue.list', {
        filter: { clerkId: helperId, proxyOnly: true, statuses: ['draft', 'accepted', 'awaiting_materials', 'submitted', 'approved', 'returned'] },
        page: { offset: 0, limit: 200 },
      });
      expect(expected.ok).toBe(true);
      const total = expected.ok ? expected.value.total : -1;
      expect(expected.ok && expected.value.rows.every((r) => r.clerkId === helperId && r.proxyName !== null)).toBe(true);
      await page.getByTestId('queue-total').filter({ hasText: `共 ${total} 件` }).waitFor();
      const shown = await page.locator('.qrow[data-case-no]').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
      expect(shown.length).toBe(Math.min(total, shown.length));
      expect(shown.every((t) => t.includes('代办：') && t.includes('我'))).toBe(true);
    }));
});
