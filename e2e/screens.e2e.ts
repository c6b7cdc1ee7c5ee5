import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  announceSkip,
  axeSerious,
  ensureRendererBuilt,
  launchBrowser,
  newContext,
  PASSWORD,
  removeDir,
  residentId,
  screenshot,
  seed,
  startServe,
  step,
  tempDataDir,
  type AxeViolation,
  type ServeProcess,
} from './harness';

const skip = announceSkip('screens');
const LANGS = ['zh-CN', 'en'] as const;

/**
 * Screenshots of the key screens in both languages (kept in e2e/artifacts/screenshots/) and an axe-core scan
 * of each: no serious or critical violation.
 */
describe.skipIf(skip)('screens: screenshots and accessibility in zh-CN and en', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let dataDir: string;
  let proxyCaseId = '';
  let rongqueCaseId = '';

  beforeAll(async () => {
    await ensureRendererBuilt();
    dataDir = tempDataDir('screens');
    seed(dataDir, { persons: 300, cases: 600 });
    serve = await startServe(dataDir);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dataDir) removeDir(dataDir);
  });

  async function scan(page: Page, name: string, found: Record<string, AxeViolation[]>) {
    await page.waitForTimeout(150);
    await screenshot(page, name);
    const v = await axeSerious(page);
    if (v.length > 0) found[name] = v;
  }

  for (const lang of LANGS) {
    it(`captures and scans sign-in, queue, intake, case, receipt and notice (${lang})`, { timeout: 120_000 }, async () => {
      const context = await newContext(browser);
      await context.addInitScript(`localStorage.setItem('yibao.language', ${JSON.stringify(lang)})`);
      const page = await context.newPage();
      const found: Record<string, AxeViolation[]> = {};
      await step(page, `screens-${lang}`, async () => {
        await page.goto(serve.url);
        await page.locator('#signin-username').waitFor();
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await scan(page, `signin-${lang}`, found);

        await page.locator('#signin-username').fill('clerk1');
        await page.locator('#signin-password').fill(PASSWORD);
        await page.locator('#signin-password').press('Enter');
        await page.locator('.qrow[data-case-no]').nth(5).waitFor();
        await scan(page, `queue-${lang}`, found);

        if (!proxyCaseId) {
          const withProxy = await serve.call('queue.list', { filter: { proxyOnly: true, statuses: ['accepted'] }, page: { offset: 0, limit: 1 } });
          const rongque = await serve.call('queue.list', { filter: { statuses: ['awaiting_materials'] }, page: { offset: 0, limit: 1 } });
          proxyCaseId = withProxy.ok ? withProxy.value.rows[0]!.id : '';
          rongqueCaseId = rongque.ok ? rongque.value.rows[0]!.id : '';
        }

        // Intake: an outpatient claim (generated form with an invoice table), partly filled, one error shown.
        const person = await serve.call('persons.findByIdNumber', { idNumber: residentId('1926-01-03', 1, '371003') });
        const personId = person.ok && person.value ? person.value.id : '';
        await page.goto(`${serve.origin}/#/intake?person=${personId}&item=outpatient_reimbursement`);
        await page.locator('#f-insuranceType').waitFor();
        await page.locator('#f-insuranceType').selectOption('resident');
        await page.locator('#f-hospitalName').fill('如东县人民医院');
        await page.locator('#f-invoices-0-amountFen').fill('12.345');
        await page.locator('.intake-form button[type="submit"]').click();
        await page.locator('#f-invoices-0-amountFen-error').waitFor();
        await page.locator('.intake-screen h1').scrollIntoViewIfNeeded();
        await scan(page, `intake-${lang}`, found);

        await page.goto(`${serve.origin}/#/cases/${proxyCaseId}`);
        await page.getByTestId('case-proxy').waitFor();
        await page.locator('.timeline-item').first().waitFor();
        await scan(page, `case-${lang}`, found);

        await page.goto(`${serve.origin}/#/cases/${proxyCaseId}/receipt`);
        await page.getByTestId('qr').waitFor();
        await scan(page, `receipt-${lang}`, found);

        await page.goto(`${serve.origin}/#/cases/${rongqueCaseId}/notice`);
        await page.getByTestId('qr').waitFor();
        await scan(page, `notice-${lang}`, found);

        await page.goto(`${serve.origin}/#/persons`);
        await page.locator('#person-lookup').fill(residentId('1926-01-02', 1, '371003'));
        await page.locator('#person-lookup').press('Enter');
        await page.getByTestId('person-card').waitFor();
        await scan(page, `person-${lang}`, found);

        // One serve session for all tabs: sign out so the next language starts at the sign-in screen.
        await page.locator('.header-actions button').last().click();
        await page.locator('#signin-username').waitFor();
      });
      await context.close();
      expect(found, JSON.stringify(found, null, 1)).toEqual({});
    });
  }
});
