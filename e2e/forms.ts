import type { Page } from 'playwright-core';
import type { Person } from '../shared/persons';
import { DEFAULT_POLICY_TABLES, SAMPLE_REGION_CODE, estimateClaim } from '../shared/policy';
import type { OutpatientCategory, ResidentTier } from '../shared/policy/vocab';
import { daysAgo } from './harness';
import { tickMaterials } from './steps';

/** One invoice line as typed (yuan); number and date default to 3206002100012(3+i), (12−i) days ago. */
export interface InvoiceLine {
  amount: string;
  selfPaid?: string;
  invoiceNo?: string;
  date?: string;
}

/** The invoice number and date line `i` gets when the test does not say. */
function defaultInvoice(i: number): { invoiceNo: string; date: string } {
  return { invoiceNo: String(32060021000123 + i), date: daysAgo(12 - i) };
}

/**
 * Fill the outpatient claim form of the intake screen (amounts typed in yuan, as the clerk reads them off the
 * receipts; resident insurance, a level-2 hospital, visited 12 days ago); two invoice lines unless told.
 */
export async function fillOutpatientClaim(page: Page, lines: readonly InvoiceLine[] = [{ amount: '1234.56', selfPaid: '120' }, { amount: '86.4' }]): Promise<void> {
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
    const line = { ...defaultInvoice(i), ...lines[i]! };
    if (i > 0) await page.locator('.rows-field > button.add-row').click(); // 添加一行 (in either language)
    await page.locator(`#f-invoices-${i}-invoiceNo`).fill(line.invoiceNo);
    await page.locator(`#f-invoices-${i}-invoiceDate`).fill(line.date);
    await page.locator(`#f-invoices-${i}-amountFen`).fill(line.amount);
    if (line.selfPaid) await page.locator(`#f-invoices-${i}-selfPaidFen`).fill(line.selfPaid);
  }
}

/** Tick every required material of the outpatient claim (no 容缺). */
export async function tickClaimMaterials(page: Page): Promise<void> {
  await tickMaterials(page, ['credential', 'receipts', 'cost_list', 'prescription_or_records']);
}

/** An invoice line in fen, as the calculator takes it. */
export interface InvoiceFen {
  amountFen: number;
  selfPaidFen?: number;
}

/**
 * The settlement the calculator gives for the claim `fillOutpatientClaim` types (resident insurance, level-2
 * hospital, local care, visited 12 days ago), for `person` as the core fills them in when the estimate is asked
 * with their id (core/services/policy.ts): the resident tier from their current resident-insurance record unless
 * the clerk set one, the assistance category from their special-group flags (tekun, dibao, monitored, tuopin).
 */
export function outpatientSettlement(person: Person, invoices: readonly InvoiceFen[], o: { tier?: ResidentTier; category?: OutpatientCategory } = {}) {
  const tier = o.tier ?? person.insurance.find((r) => r.type === '390' && r.status === '1')?.tier;
  const flags = person.flags;
  const assistance = flags.includes('tekun') ? 'tekun' : flags.includes('dibao') ? 'dibao' : flags.includes('monitored') ? 'monitored' : flags.includes('tuopin') ? 'tuopin' : null;
  const r = estimateClaim(
    {
      regionCode: SAMPLE_REGION_CODE,
      careType: 'outpatient',
      insuranceType: 'resident',
      ...(tier ? { residentTier: tier } : {}),
      hospitalLevel: 'level2',
      outOfAreaType: 'local',
      outpatientCategory: o.category ?? 'general',
      visitDate: daysAgo(12),
      invoices: [...invoices],
      assistanceCategory: assistance,
    },
    DEFAULT_POLICY_TABLES,
  );
  if (!r.ok) throw new Error(r.message);
  return r.result.settlement;
}
