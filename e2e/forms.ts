import type { Page } from 'playwright-core';
import { daysAgo } from './harness';

/** Fill the outpatient claim form of the intake screen (amounts typed in yuan); two invoice lines. */
export async function fillOutpatientClaim(page: Page, lines: readonly { amount: string; selfPaid?: string }[] = [{ amount: '1234.56', selfPaid: '120' }, { amount: '86.4' }]): Promise<void> {
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
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) await page.locator('.rows-field > button').click();
    await page.locator(`#f-invoices-${i}-invoiceNo`).fill(`3206002100012${i}`);
    await page.locator(`#f-invoices-${i}-invoiceDate`).fill(daysAgo(12));
    await page.locator(`#f-invoices-${i}-amountFen`).fill(lines[i]!.amount);
    if (lines[i]!.selfPaid) await page.locator(`#f-invoices-${i}-selfPaidFen`).fill(lines[i]!.selfPaid!);
  }
}

/** Tick every required material of the outpatient claim (no 容缺). */
export async function tickClaimMaterials(page: Page): Promise<void> {
  for (const code of ['credential', 'receipts', 'cost_list', 'prescription_or_records']) await page.locator(`#mat-${code}`).check();
}
