import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { DEFAULT_POLICY_TABLES, SAMPLE_REGION_CODE, estimateContribution } from '../shared/policy';
import { SAMPLE_REGION_NAME } from '../shared/policy/tables/defaults/sample';
import { formatYuan } from '../shared/money';
import { ARTIFACTS, announceSkip, pdfText, residentId, step, todayShanghai } from './harness';
import { accept, caseIdByNo, dismissToasts, openCase, openIntake, personByIdNumber, readReceipt, ScreenScans, scrollToMiddle, signIn, stationUnderTest, useLanguage } from './steps';
import { fillOutpatientClaim, outpatientSettlement, tickClaimMaterials } from './forms';

const skip = announceSkip('estimate');

interface EstimateAsked {
  kind: string;
  input: Record<string, unknown>;
  personId?: string;
}

/**
 * 待遇测算 at the window: the live one-sheet estimate of an outpatient claim as the invoices are typed — the
 * person's resident tier and medical-assistance category filled in by the core from their record, the outpatient
 * category read from the claim form — kept with the case after acceptance, and printed as a 待遇测算单 that says
 * it is an estimate (and SAMPLE data) and names the region. A person registered at the window has no tier on
 * record: the clerk asks and sets it.
 */
describe.skipIf(skip)('clerk: live claim estimate at intake, saved and printed as 待遇测算单', () => {
  const station = stationUnderTest('estimate', { persons: 100, cases: 0 });

  it('shows the estimate live, saves it after acceptance, prints a 测算单 with its total', { timeout: 180_000 }, () =>
    step(station.page, 'estimate', async () => {
      const { page, serve } = station;
      const scans = new ScreenScans();
      // What the tab asks: every estimate names its person; persons.get only where a screen shows the person.
      const asked: EstimateAsked[] = [];
      const personReads: string[] = [];
      page.on('request', (r: Request) => {
        const path = new URL(r.url()).pathname;
        if (path === '/api/policy.estimate') asked.push(r.postDataJSON() as EstimateAsked);
        if (path === '/api/persons.get') personReads.push(page.url());
      });

      await signIn(page, serve, 'clerk1');
      // Roster row 0 of the seeded roster: a minimum-living-allowance recipient (低保), tier 2 on their record.
      const person = await personByIdNumber(serve, residentId('1926-01-01', 1, '371002'));
      expect(person.flags).toContain('dibao');
      expect(person.insurance.find((r) => r.type === '390' && r.status === '1')?.tier).toBe('tier2');

      await openIntake(page, serve, person.id, 'outpatient_reimbursement');
      const panel = page.getByTestId('estimate-panel');
      await panel.waitFor();
      // Nothing to estimate before an amount is typed.
      await page.getByTestId('estimate-waiting').waitFor();

      // No tier chosen: the core takes it from the person's record (and says so beside the tier).
      await fillOutpatientClaim(page, [{ amount: '1234.56', selfPaid: '120' }, { amount: '86.4' }]);
      // The outpatient category is a question of the claim form, not a chooser beside the estimate.
      await page.locator('#f-outpatientCategory').waitFor();
      expect(await panel.locator('select').count()).toBe(1);
      const tier = panel.getByLabel('居民医保缴费档次（测算用）');
      expect(await tier.inputValue()).toBe('');
      expect(await panel.locator('.field-hint', { hasText: '默认按参保记录中的档次测算' }).count()).toBe(1);
      const invoices = [{ amountFen: 123456, selfPaidFen: 12000 }, { amountFen: 8640 }];
      let want = outpatientSettlement(person, invoices);
      await panel.getByTestId('estimate-total').filter({ hasText: `${formatYuan(want.totalFen)} 元` }).waitFor();
      expect(await panel.getByTestId('estimate-person').textContent()).toBe(`${formatYuan(want.personFen)} 元`);
      expect(await panel.getByTestId('sample-mark').textContent()).toContain('样例数据，仅供测算演示');
      expect(await panel.locator('.estimate-steps li').count()).toBeGreaterThanOrEqual(5);

      // The estimate follows the invoice lines as they change.
      await page.locator('#f-invoices-1-amountFen').fill('300');
      const changed = [invoices[0]!, { amountFen: 30000 }];
      want = outpatientSettlement(person, changed);
      await panel.getByTestId('estimate-total').filter({ hasText: `${formatYuan(want.totalFen)} 元` }).waitFor();
      expect(await panel.getByTestId('estimate-person').textContent()).toBe(`${formatYuan(want.personFen)} 元`);

      // 两病门诊 chosen on the form: another schedule, and medical assistance for a 低保 recipient — the category
      // the core took from the person's flags.
      await page.locator('#f-outpatientCategory').selectOption('two_diseases');
      want = outpatientSettlement(person, changed, { category: 'two_diseases' });
      expect(want.medicalAssistanceFen).toBeGreaterThan(0);
      await panel.getByTestId('estimate-person').filter({ hasText: `${formatYuan(want.personFen)} 元` }).waitFor();
      expect(await panel.getByTestId('estimate-summary').textContent()).toContain(`${formatYuan(want.medicalAssistanceFen)} 元`);
      const last = asked.at(-1)!;
      expect(last).toMatchObject({ kind: 'claim', personId: person.id, input: { outpatientCategory: 'two_diseases' } });
      expect(asked.every((a) => a.personId === person.id && !('residentTier' in a.input) && !('assistanceCategory' in a.input))).toBe(true);
      await panel.scrollIntoViewIfNeeded();
      await scans.scan(page, 'estimate-zh-CN');

      // Accepted with all materials; the receipt leads to the case's estimate, from the form kept with the case.
      await tickClaimMaterials(page);
      await accept(page);
      const { caseNo } = await readReceipt(page);
      const caseId = await caseIdByNo(serve, caseNo);
      const kept = await serve.call('cases.get', { caseId });
      expect(kept.ok && kept.value.case.form.outpatientCategory).toBe('two_diseases');
      // The estimate shown at intake was kept with the case at 受理: the receipt leads straight to its 测算单.
      expect(await page.getByTestId('receipt-estimate').count()).toBe(0);
      const estimates = await serve.call('cases.estimates', { caseId });
      expect(estimates.ok && estimates.value.length).toBe(1);

      // The case page works the estimate out again from the form kept with the case.
      const readsBefore = personReads.length;
      await page.goto(`${serve.origin}/#/cases/${caseId}`);
      const card = page.getByTestId('case-estimates');
      await card.waitFor();
      await card.getByTestId('estimate-person').filter({ hasText: `${formatYuan(want.personFen)} 元` }).waitFor();
      expect(await card.getByTestId('estimate-total').textContent()).toBe(`${formatYuan(want.totalFen)} 元`);
      // Asked for the case's person, who is not read again to find the tier or the category.
      expect(asked.at(-1)).toMatchObject({ kind: 'claim', personId: person.id, input: { outpatientCategory: 'two_diseases' } });
      expect(personReads.slice(readsBefore)).toEqual([]);
      await page.goto(`${serve.origin}/#/cases/${caseId}/receipt`);
      await page.getByTestId('receipt-estimate-sheet').click();

      const sheet = page.getByTestId('estimate-sheet');
      await sheet.waitFor();
      const sheetText = (await sheet.textContent()) ?? '';
      expect(sheetText).toContain('医疗保障待遇测算单');
      expect(sheetText).toContain('不作为待遇核定依据');
      expect(sheetText).toContain('样例数据，仅供测算演示');
      expect(sheetText).toContain(caseNo);
      // The region by name, not only by code.
      expect(await sheet.getByTestId('sheet-region').textContent()).toBe(`${SAMPLE_REGION_NAME['zh-CN']} ${SAMPLE_REGION_CODE}`);
      expect(await sheet.getByTestId('estimate-person').textContent()).toBe(`${formatYuan(want.personFen)} 元`);
      await page.getByTestId('qr').waitFor();
      await scans.scan(page, 'estimate-sheet-zh-CN');

      // "Save as PDF" is what page.pdf() produces from the print stylesheet.
      const pdfPath = join(ARTIFACTS, 'estimate-sheet.pdf');
      await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
      const pdf = pdfText(pdfPath);
      expect(pdf).toContain('测算');
      expect(pdf).toContain(formatYuan(want.totalFen));
      expect(pdf).toContain(formatYuan(want.personFen));
      expect(pdf).toContain('样例数据');
      expect(pdf).toContain('示例地区');
      expect(pdf).not.toContain('工作台');

      // Kept with the case, with the region's name.
      const saved = await serve.call('cases.estimates', { caseId });
      expect(saved.ok && saved.value.map((e) => [e.kind, e.sample, e.regionName, (e.result as { settlement: { personFen: number } }).settlement.personFen])).toEqual([
        ['claim', true, SAMPLE_REGION_NAME, want.personFen],
      ]);
      await openCase(page, serve, caseId);
      await page.getByTestId('saved-estimates').filter({ hasText: formatYuan(want.personFen) }).waitFor();

      // A person registered at the window has no insurance record: the estimate asks for the tier, the clerk sets it.
      const newcomer = await serve.call('persons.register', { idNumber: residentId('1988-08-08', 321, '371002'), name: '韩雪梅' });
      if (!newcomer.ok) throw new Error(newcomer.error.message);
      await openIntake(page, serve, newcomer.value.id, 'outpatient_reimbursement');
      await fillOutpatientClaim(page);
      const newPanel = page.getByTestId('estimate-panel');
      await newPanel.getByTestId('estimate-needs').filter({ hasText: '缴费档次' }).waitFor();
      const newTier = newPanel.getByLabel('居民医保缴费档次（测算用）');
      expect(await newTier.getAttribute('aria-invalid')).toBe('true');
      expect(await newPanel.textContent()).toContain('参保记录未注明档次，请询问后选择');
      await dismissToasts(page);
      await scrollToMiddle(page, '[data-testid="estimate-needs"]');
      await scans.scan(page, 'estimate-no-tier-zh-CN');
      await newTier.selectOption('tier2');
      const forNewcomer = outpatientSettlement(newcomer.value, invoices, { tier: 'tier2' });
      await newPanel.getByTestId('estimate-person').filter({ hasText: `${formatYuan(forNewcomer.personFen)} 元` }).waitFor();
      expect(await newTier.getAttribute('aria-invalid')).toBeNull();
      expect(asked.at(-1)).toMatchObject({ personId: newcomer.value.id, input: { residentTier: 'tier2' } });

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
      await openIntake(page, serve, person.id, 'resident_enrollment');
      await page.locator('#f-enrollmentYear').fill(String(year));
      await page.locator('#f-personCategory').selectOption('adult');
      await page.locator('#f-contributionTier').selectOption('tier2');
      await page.locator('#f-hardshipGroup').selectOption('none');
      const enrollPanel = page.getByTestId('estimate-panel');
      await enrollPanel.getByTestId('estimate-total').filter({ hasText: `${formatYuan(due.result.personFen)} 元` }).waitFor();
      expect(await enrollPanel.getByTestId('estimate-cover-from').textContent()).toContain(due.result.benefitsFrom);

      // English: the same sheet, and the live estimate at intake (the tier from the record, no choice needed).
      await page.goto(`${serve.origin}/#/cases/${caseId}/estimates/${saved.ok ? saved.value[0]!.id : ''}`);
      await useLanguage(page, 'en');
      await page.getByTestId('estimate-sheet').waitFor();
      expect(await page.getByTestId('estimate-sheet').textContent()).toContain('SAMPLE data, for demonstration only');
      expect(await page.getByTestId('sheet-region').textContent()).toBe(`${SAMPLE_REGION_NAME.en} ${SAMPLE_REGION_CODE}`);
      await page.getByTestId('qr').waitFor();
      await scans.scan(page, 'estimate-sheet-en');
      await openIntake(page, serve, person.id, 'outpatient_reimbursement');
      await fillOutpatientClaim(page);
      await page.getByTestId('estimate-panel').getByTestId('estimate-person').filter({ hasText: `${formatYuan(outpatientSettlement(person, invoices).personFen)} yuan` }).waitFor();
      expect(await page.getByTestId('estimate-panel').getByLabel('Resident contribution tier (for the estimate)').inputValue()).toBe('');
      await page.getByTestId('estimate-panel').scrollIntoViewIfNeeded();
      await scans.scan(page, 'estimate-en');
      await useLanguage(page, 'zh-CN');
      scans.expectNone();
    }),
  );
});
