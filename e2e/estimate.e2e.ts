import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_POLICY_TABLES, SAMPLE_REGION_CODE, estimateClaim, estimateContribution } from '../shared/policy';
import { formatYuan } from '../shared/money';
import type { PersonFlag } from '../shared/persons';
import {
  ARTIFACTS,
  announceSkip,
  axeSerious,
  daysAgo,
  ensureRendererBuilt,
  todayShanghai,
  launchBrowser,
  newContext,
  pdfText,
  removeDir,
  residentId,
  screenshot,
  seed,
  signIn,
  startServe,
  step,
  tempDataDir,
  useLanguage,
  type AxeViolation,
  type ServeProcess,
} from './harness';
import { fillOutpatientClaim, tickClaimMaterials } from './forms';

const skip = announceSkip('estimate');

/** The assistance category the UI takes from the person's flags (renderer/src/screens/estimate/estimateInput.ts). */
function assistanceOf(flags: readonly PersonFlag[]): string | undefined {
  if (flags.includes('tekun')) return 'tekun';
  if (flags.includes('dibao')) return 'dibao';
  if (flags.includes('monitored')) return 'monitored';
  if (flags.includes('tuopin')) return 'lifted';
  return undefined;
}

/**
 * 待遇测算 at the window: the live one-sheet estimate of an outpatient claim as the invoices are typed, kept
 * with the case after acceptance, and printed as a 待遇测算单 that says it is an estimate (and SAMPLE data).
 */
describe.skipIf(skip)('clerk: live claim estimate at intake, saved and printed as 待遇测算单', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    await ensureRendererBuilt();
    dataDir = tempDataDir('estimate');
    seed(dataDir, { persons: 100, cases: 0 });
    serve = await startServe(dataDir);
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dataDir) removeDir(dataDir);
  });

  async function scan(name: string, found: Record<string, AxeViolation[]>) {
    await page.waitForTimeout(150);
    await screenshot(page, name);
    const v = await axeSerious(page);
    if (v.length > 0) found[name] = v;
  }

  it('shows the estimate live, saves it after acceptance, prints a 测算单 with its total', { timeout: 180_000 }, () =>
    step(page, 'estimate', async () => {
      const found: Record<string, AxeViolation[]> = {};
      await signIn(page, serve, 'clerk1');
      const found1 = await serve.call('persons.findByIdNumber', { idNumber: residentId('1926-01-03', 1, '371003') });
      const person = found1.ok ? found1.value! : null;
      expect(person).not.toBeNull();
      await page.goto(`${serve.origin}/#/intake?person=${person!.id}&item=outpatient_reimbursement`);
      const panel = page.getByTestId('estimate-panel');
      await panel.waitFor();
      // Nothing to estimate before an amount is typed.
      await page.getByTestId('estimate-waiting').waitFor();

      await fillOutpatientClaim(page, [{ amount: '1234.56', selfPaid: '120' }, { amount: '86.4' }]);
      await panel.getByLabel('居民医保缴费档次（测算用）').selectOption('tier1');
      const invoices = [{ amountFen: 123456, selfPaidFen: 12000 }, { amountFen: 8640 }];
      const expected = (lines: typeof invoices) => {
        const r = estimateClaim(
          {
            regionCode: SAMPLE_REGION_CODE,
            careType: 'outpatient',
            insuranceType: 'resident',
            residentTier: 'tier1',
            hospitalLevel: 'level2',
            outOfAreaType: 'local',
            outpatientCategory: 'general',
            visitDate: daysAgo(12),
            invoices: lines,
            ...(assistanceOf(person!.flags) ? { assistanceCategory: assistanceOf(person!.flags) as never } : {}),
          },
          DEFAULT_POLICY_TABLES,
        );
        if (!r.ok) throw new Error(r.message);
        return r.result.settlement;
      };
      let want = expected(invoices);
      await panel.getByTestId('estimate-total').filter({ hasText: `${formatYuan(want.totalFen)} 元` }).waitFor();
      expect(await panel.getByTestId('estimate-person').textContent()).toBe(`${formatYuan(want.personFen)} 元`);
      expect(await panel.getByTestId('sample-mark').textContent()).toContain('样例数据，仅供测算演示');
      expect(await panel.locator('.estimate-steps li').count()).toBeGreaterThanOrEqual(5);

      // The estimate follows the invoice lines as they change.
      await page.locator('#f-invoices-1-amountFen').fill('300');
      const changed = [invoices[0]!, { amountFen: 30000 }];
      want = expected(changed);
      await panel.getByTestId('estimate-total').filter({ hasText: `${formatYuan(want.totalFen)} 元` }).waitFor();
      expect(await panel.getByTestId('estimate-person').textContent()).toBe(`${formatYuan(want.personFen)} 元`);
      await panel.scrollIntoViewIfNeeded();
      await scan('estimate-zh-CN', found);

      // Accepted with all materials; the receipt leads to the case's estimate.
      await tickClaimMaterials(page);
      await page.getByRole('button', { name: /^受理/ }).click();
      await page.getByTestId('receipt').waitFor();
      const caseNo = ((await page.getByTestId('receipt-case-no').textContent()) ?? '').trim();
      await page.getByTestId('receipt-estimate').click();
      const card = page.getByTestId('case-estimates');
      await card.waitFor();
      await card.getByLabel('居民医保缴费档次（测算用）').selectOption('tier1');
      await card.getByTestId('estimate-total').filter({ hasText: `${formatYuan(want.totalFen)} 元` }).waitFor();
      await card.getByTestId('save-estimate').click();

      const sheet = page.getByTestId('estimate-sheet');
      await sheet.waitFor();
      const sheetText = (await sheet.textContent()) ?? '';
      expect(sheetText).toContain('医疗保障待遇测算单');
      expect(sheetText).toContain('不作为待遇核定依据');
      expect(sheetText).toContain('样例数据，仅供测算演示');
      expect(sheetText).toContain(caseNo);
      expect(await sheet.getByTestId('estimate-person').textContent()).toBe(`${formatYuan(want.personFen)} 元`);
      await page.getByTestId('qr').waitFor();
      await scan('estimate-sheet-zh-CN', found);

      // "Save as PDF" is what page.pdf() produces from the print stylesheet.
      const pdfPath = join(ARTIFACTS, 'estimate-sheet.pdf');
      await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
      const pdf = pdfText(pdfPath);
      expect(pdf).toContain('测算');
      expect(pdf).toContain(formatYuan(want.totalFen));
      expect(pdf).toContain(formatYuan(want.personFen));
      expect(pdf).toContain('样例数据');
      expect(pdf).not.toContain('工作台');

      // Kept with the case.
      const view = await serve.call('queue.list', { filter: { q: caseNo }, page: { offset: 0, limit: 1 } });
      const caseId = view.ok ? view.value.rows[0]!.id : '';
      const saved = await serve.call('cases.estimates', { caseId });
      expect(saved.ok && saved.value.map((e) => [e.kind, e.sample, (e.result as { settlement: { personFen: number } }).settlement.personFen])).toEqual([['claim', true, want.personFen]]);
      await page.goto(`${serve.origin}/#/cases/${caseId}`);
      await page.getByTestId('saved-estimates').filter({ hasText: formatYuan(want.personFen) }).waitFor();

      // Resident enrollment: the contribution due and the day cover starts, paid today.
      const thisYear = Number(todayShanghai().slice(0, 4));
      const contribution = (year: number) =>
        estimateContribution(
          { regionCode: SAMPLE_REGION_CODE, enrollmentYear: year, personCategory: 'adult', contributionTier: 'tier2', hardshipGroup: 'none', acceptanceDate: todayShanghai() },
          DEFAULT_POLICY_TABLES,
        );
      const year = contribution(thisYear + 1).ok ? thisYear + 1 : thisYear;
      const due = contribution(year);
      if (!due.ok) throw new Error(due.message);
      await page.goto(`${serve.origin}/#/intake?person=${person!.id}&item=resident_enrollment`);
      await page.locator('#f-enrollmentYear').fill(String(year));
      await page.locator('#f-personCategory').selectOption('adult');
      await page.locator('#f-contributionTier').selectOption('tier2');
      await page.locator('#f-hardshipGroup').selectOption('none');
      const enrollPanel = page.getByTestId('estimate-panel');
      await enrollPanel.getByTestId('estimate-total').filter({ hasText: `${formatYuan(due.result.personFen)} 元` }).waitFor();
      expect(await enrollPanel.getByTestId('estimate-cover-from').textContent()).toContain(due.result.benefitsFrom);

      // English: the same sheet, and the live estimate at intake.
      await page.goto(`${serve.origin}/#/cases/${caseId}/estimates/${saved.ok ? saved.value[0]!.id : ''}`);
      await useLanguage(page, 'en');
      await page.getByTestId('estimate-sheet').waitFor();
      expect(await page.getByTestId('estimate-sheet').textContent()).toContain('SAMPLE data, for demonstration only');
      await page.getByTestId('qr').waitFor();
      await scan('estimate-sheet-en', found);
      await page.goto(`${serve.origin}/#/intake?person=${person!.id}&item=outpatient_reimbursement`);
      await page.getByTestId('estimate-panel').waitFor();
      await fillOutpatientClaim(page);
      await page.getByTestId('estimate-panel').getByLabel('Resident contribution tier (for the estimate)').selectOption('tier1');
      await page.getByTestId('estimate-panel').getByTestId('estimate-person').waitFor();
      await page.getByTestId('estimate-panel').scrollIntoViewIfNeeded();
      await scan('estimate-en', found);
      await useLanguage(page, 'zh-CN');
      expect(found, JSON.stringify(found, null, 1)).toEqual({});
    }),
  );
});
