import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { announceSkip, ARTIFACTS, pdfText, residentId, screenshot } from './harness';
import { accept, lookUpPerson, readReceipt, signIn, startIntakeForShownPerson, stationUnderTest, tickMaterials } from './steps';

const skip = announceSkip('enrollment');

/**
 * A clerk looks up a person who is not there, types an invalid ID (error shown, nothing saved), corrects it,
 * registers the person, takes in a resident enrollment, accepts it and gets the receipt as a PDF.
 */
describe.skipIf(skip)('clerk: new person, resident enrollment, receipt PDF', () => {
  const station = stationUnderTest('enrollment', { persons: 100, cases: 0 });

  it('registers the person, accepts the enrollment and prints a receipt with the case number', { timeout: 120_000 }, async () => {
    const { page, serve } = station;
    const id = residentId('1990-05-17', 421, '110105');
    const badId = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');

    await signIn(page, serve, 'clerk1');
    await page.keyboard.press('Alt+2');
    await page.locator('#person-lookup').waitFor();

    // Not known here: the scanner's Enter looks the number up and offers registration.
    await lookUpPerson(page, id);
    await expect(page.getByTestId('person-not-found').textContent()).resolves.toContain(id);
    const idInput = page.locator('#np-idNumber');
    await expect(idInput.inputValue()).resolves.toBe(id);

    // A wrong check character: the error appears at once, beside the field, and nothing is saved.
    await idInput.fill(badId);
    const idError = page.locator('#np-idNumber-error');
    await idError.waitFor();
    expect(await idError.textContent()).toMatch(/校验/);
    await page.locator('#np-name').fill('柏文静');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await expect(idInput.getAttribute('aria-invalid')).resolves.toBe('true');
    const before = await serve.call('persons.findByIdNumber', { idNumber: id });
    expect(before).toEqual({ ok: true, value: null });

    // Corrected: birth date, sex and age are derived at once; registering shows the person.
    await idInput.fill(id);
    await expect(page.getByTestId('id-derived').textContent()).resolves.toContain('1990-05-17');
    expect(await page.locator('#np-idNumber-error').count()).toBe(0);
    await page.locator('#np-phone').fill('13912340000');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    const card = page.getByTestId('person-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('柏文静');
    const saved = await serve.call('persons.findByIdNumber', { idNumber: id });
    expect(saved.ok && saved.value?.name).toBe('柏文静');

    // Intake: the item by its pinyin initials, the generated form, the materials.
    await startIntakeForShownPerson(page, 'cxjmcb', 'resident_enrollment');
    await page.locator('#f-enrollmentYear').fill(String(new Date().getFullYear() + 1));
    await page.locator('#f-personCategory').selectOption('adult');
    await page.locator('#f-contributionTier').selectOption('tier1');
    await page.locator('#f-hardshipGroup').selectOption('none');
    await page.locator('#f-residenceBasis').selectOption('hukou');
    await page.locator('#f-regionCode').fill('371002');
    await expect(page.locator('#f-phone').inputValue()).resolves.toBe('13912340000');
    await tickMaterials(page, ['valid_id']);
    await accept(page);

    // The receipt: case number, QR code, the person's ID masked in the middle.
    const { caseNo, text } = await readReceipt(page);
    expect(caseNo).toMatch(/^QS01-\d{8}-\d{4}$/);
    await page.getByTestId('qr').waitFor();
    expect(text).toContain('110105********' + id.slice(-4));
    expect(text).not.toContain(id);
    expect(text).toContain('城乡居民参保登记');
    expect(text).toContain('即时办结');

    const view = await serve.call('queue.list', { filter: { q: caseNo }, page: { offset: 0, limit: 5 } });
    expect(view.ok && view.value.rows.map((r) => [r.caseNo, r.status])).toEqual([[caseNo, 'accepted']]);

    // "Save as PDF" is what page.pdf() produces from the print stylesheet.
    const pdfPath = join(ARTIFACTS, 'receipt-enrollment.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const pdf = pdfText(pdfPath);
    expect(pdf).toContain(caseNo);
    expect(pdf).toContain('受理回执');
    expect(pdf).not.toContain('工作台'); // navigation is not printed

    // The person changes their mind: withdrawal needs a reason, named beside the field when missing.
    await page.getByRole('link', { name: '查看案件' }).click();
    await page.getByRole('button', { name: '撤回' }).click();
    const dialog = page.getByRole('dialog', { name: `撤回案件 ${caseNo}` });
    // An on-the-spot item not yet sent: central will complete it before the withdrawal arrives, and the dialog says so.
    expect(await dialog.getByTestId('withdraw-too-late').textContent()).toContain('撤回随后才到中心，将不生效');
    await screenshot(page, 'withdraw-on-the-spot');
    await dialog.getByRole('button', { name: '确认撤回' }).click();
    expect(await page.locator('#withdraw-reason-error').textContent()).toBe('请填写原因');
    await page.locator('#withdraw-reason').fill('申请人已在外地参保，撤回申请');
    await dialog.getByRole('button', { name: '确认撤回' }).click();
    await page.locator('.case-screen .badge-withdrawn').waitFor();
    expect(await page.locator('.timeline').textContent()).toContain('申请人已在外地参保，撤回申请');
    expect(await page.locator('[role="status"]').allTextContents()).toContainEqual(expect.stringContaining(`案件 ${caseNo} 已撤回`));
  });
});
