import { describe, expect, it } from 'vitest';
import { SAMPLE_FORMS } from '../shared/catalog/testing/samples';
import { addMonths } from '../shared/time';
import { TINY_PNG, announceSkip, residentId, step, todayShanghai } from './harness';
import { openCase, pageIn, personByIdNumber, ScreenScans, signIn, signOut, stationUnderTest } from './steps';

const skip = announceSkip('ltc');
const LANGS = ['zh-CN', 'en'] as const;

/**
 * 失能等级评估 of a long-term-care case: the form offers only the scores the national standard allows,
 * refuses an empty form, and — two assessors, every item scored, a photo of the paper form — gives the level
 * of the default table (all ADL items 0 with intact cognition and perception = level 3), kept with the case.
 */
describe.skipIf(skip)('clerk: LTC disability assessment', () => {
  const station = stationUnderTest('ltc', { persons: 100, cases: 0 });

  for (const [n, lang] of LANGS.entries()) {
    it(`refuses an empty form, then records level 3 and shows it in the case (${lang})`, { timeout: 150_000 }, async () => {
      const { serve } = station;
      const { context, page } = await pageIn(station.browser, lang);
      const scans = new ScreenScans();
      const zh = lang === 'zh-CN';
      await step(page, `ltc-${lang}`, async () => {
        await signIn(page, serve, 'clerk1');
        // The LTC application itself (its intake is covered elsewhere): accepted with its materials.
        const person = await personByIdNumber(serve, residentId(`1926-01-0${5 + n}`, 1, '371082'));
        const accepted = await serve.call('cases.intake', {
          itemCode: 'ltc_application',
          personId: person.id,
          form: SAMPLE_FORMS.ltc_application!,
          materialsReceived: ['credential', 'application_form', 'medical_records'],
        });
        expect(accepted.ok, JSON.stringify(accepted)).toBe(true);
        const caseId = accepted.ok ? accepted.value.case.id : '';

        await openCase(page, serve, caseId);
        await page.getByTestId('case-ltc').waitFor();
        await page.getByTestId('record-assessment').click();
        await page.locator('.ltc-form').waitFor();

        // Only the scores the standard allows: eating 10/5/0, walking 15/10/5/0, memory 4…0.
        expect(await page.locator('input[name="ltc-adl-eating"]').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value))).toEqual(['10', '5', '0']);
        expect(await page.locator('input[name="ltc-adl-walking"]').count()).toBe(4);
        expect(await page.locator('input[name="ltc-cognition-memory"]').count()).toBe(5);
        expect(await page.locator('.ltc-item').count()).toBe(17);

        // Nothing chosen: refused, every missing part named, nothing saved.
        await page.getByTestId('ltc-save').click();
        const formError = page.getByTestId('ltc-form-error');
        await formError.waitFor();
        expect(await formError.textContent()).toContain('17');
        expect(await page.locator('.ltc-item-invalid').count()).toBe(17);
        await page.locator('#ltc-assessor-0-error').waitFor();
        if (zh) expect(await page.locator('#ltc-assessor-0-error').textContent()).toContain('请填写第一位评估员');
        const none = await serve.call('cases.estimates', { caseId });
        expect(none.ok && none.value).toEqual([]);
        await page.locator('.ltc-form h1, .assessment-screen h1').first().scrollIntoViewIfNeeded();
        await scans.scan(page, `ltc-form-${lang}`);

        // Two assessors; the first item chosen with the keyboard (arrow keys move within an item's scores).
        await page.locator('#ltc-assessor-0').fill('张评估');
        await page.locator('#ltc-assessor-1').fill('李评估');
        await page.locator('input[name="ltc-adl-eating"][value="10"]').check();
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('ArrowRight');
        expect(await page.locator('input[name="ltc-adl-eating"][value="0"]').isChecked()).toBe(true);
        for (const item of ['dressing', 'faceAndMouth', 'bowel', 'bladder', 'toilet', 'walking', 'transfer', 'stairs', 'bathing']) {
          await page.locator(`input[name="ltc-adl-${item}"][value="0"]`).check();
        }
        for (const item of ['timeOrientation', 'personOrientation', 'placeOrientation', 'memory']) await page.locator(`input[name="ltc-cognition-${item}"][value="4"]`).check();
        for (const item of ['vision', 'hearing', 'communication']) await page.locator(`input[name="ltc-perception-${item}"][value="4"]`).check();
        expect(await page.locator('fieldset[data-dimension="adl"] .ltc-subtotal').textContent()).toMatch(/^\D*0\D+100\b/);
        expect(await page.locator('fieldset[data-dimension="cognition"] .ltc-subtotal').textContent()).toMatch(/^\D*16\D+16\b/);

        // A photo of the signed paper form goes with it.
        await page.locator('.ltc-form input[type="file"]:not([capture])').setInputFiles({ name: 'assessment-form.png', mimeType: 'image/png', buffer: TINY_PNG });
        await page.getByTestId('ltc-photos').filter({ hasText: 'assessment-form.png' }).waitFor();

        await page.getByTestId('ltc-save').click();
        const saved = page.getByTestId('ltc-saved');
        await saved.waitFor();
        expect(await saved.getByTestId('ltc-level').getAttribute('data-level')).toBe('3');
        if (zh) expect(await saved.getByTestId('ltc-level').textContent()).toBe('3级（重度失能Ⅰ级）');
        const due = addMonths(todayShanghai(), 24);
        expect(await saved.getByTestId('ltc-next').textContent()).toContain(due);
        // Level 3 of the sample table: institutional and home care, not specialised care.
        expect(await saved.locator('.ltc-benefits tbody tr').count()).toBe(2);
        if (zh) expect(await saved.locator('.ltc-benefits').textContent()).toMatch(/院护.*70%.*50\.00 元.*家护.*75%.*40\.00 元/);
        await saved.scrollIntoViewIfNeeded();
        await scans.scan(page, `ltc-result-${lang}`);

        // Kept with the case: the scores, both assessors, the photo, the level.
        const kept = await serve.call('cases.estimates', { caseId });
        expect(kept.ok).toBe(true);
        const records = kept.ok ? kept.value : [];
        expect(records.map((r) => r.kind)).toEqual(['ltc_assessment']);
        expect((records[0]!.result as { level: number }).level).toBe(3);
        expect(records[0]!.meta.assessors).toEqual(['张评估', '李评估']);
        expect((records[0]!.meta.attachmentIds as string[]).length).toBe(1);
        expect(records[0]!.input.adl).toMatchObject({ eating: 0, walking: 0 });
        const view = await serve.call('cases.get', { caseId });
        expect(view.ok && view.value.events.map((e) => e.kind)).toContain('estimate_saved');

        // …and shown in the case.
        await openCase(page, serve, caseId);
        const card = page.getByTestId('case-ltc');
        await card.getByTestId('ltc-level').waitFor();
        expect(await card.getByTestId('ltc-level').getAttribute('data-level')).toBe('3');
        expect(await card.textContent()).toContain('张评估');

        await signOut(page);
      });
      await context.close();
      scans.expectNone();
    });
  }
});
