import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_FORMS } from '../shared/catalog/testing/samples';
import type { Person } from '../shared/persons';
import {
  announceSkip,
  axeSerious,
  ensureRendererBuilt,
  launchBrowser,
  newContext,
  removeDir,
  residentId,
  screenshot,
  seed,
  signIn,
  signOut,
  startCentral,
  startServe,
  step,
  tempDataDir,
  useLanguage,
  type AxeViolation,
  type CentralProcess,
  type ServeProcess,
} from './harness';
import { fillOutpatientClaim, tickClaimMaterials } from './forms';

const skip = announceSkip('sync');

interface CentralCase {
  caseId: string;
  status: string;
  note: string | null;
  payoutFen: number | null;
  stationVersion: number;
}

/**
 * The station against the reference central server (central/cli.ts serve, embedded SQLite): the supervisor
 * connects the station with a one-time code from central's back office; a clerk accepts cases; sync; the back
 * office returns a claim with a note; the clerk corrects it (补正) and sends it again; the back office approves
 * and completes it with a payout; the window hands out (出件) an approved LTC case. Central's refusal of a case
 * (a person not in central's roster) shows in the sync panel with its reason.
 */
describe.skipIf(skip)('sync with the reference central server: connect, submit, return, correct, complete, hand out', () => {
  let central: CentralProcess;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    await ensureRendererBuilt();
    central = await startCentral();
    dataDir = tempDataDir('sync');
    seed(dataDir, { persons: 100, cases: 0 });
    serve = await startServe(dataDir);
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await central?.stop();
    if (dataDir) removeDir(dataDir);
  });

  async function scan(name: string, found: Record<string, AxeViolation[]>) {
    await page.waitForTimeout(150);
    await screenshot(page, name);
    const v = await axeSerious(page);
    if (v.length > 0) found[name] = v;
  }

  /** 立即同步 on the sync panel; waits for the result line. */
  async function syncNow(): Promise<string> {
    await page.keyboard.press('Alt+6');
    const button = page.getByTestId('sync-now');
    await button.waitFor();
    await page.waitForFunction(`!document.querySelector('[data-testid="sync-now"]').disabled`);
    await button.click();
    const result = page.getByTestId('sync-result');
    await result.waitFor();
    await page.waitForFunction(`!document.querySelector('[data-testid="sync-now"]').disabled`);
    return (await result.textContent()) ?? '';
  }

  async function centralCase(caseId: string): Promise<CentralCase> {
    const r = await central.admin<CentralCase>('GET', `/v1/admin/cases/${caseId}`);
    expect(r.status).toBe(200);
    return r.body;
  }

  async function personBy(id: string): Promise<Person> {
    const r = await serve.call('persons.findByIdNumber', { idNumber: id });
    if (!r.ok || !r.value) throw new Error(`no person ${id}`);
    return r.value;
  }

  it('goes through the whole round trip', { timeout: 300_000 }, () =>
    step(page, 'sync', async () => {
      const found: Record<string, AxeViolation[]> = {};
      // The back office: a one-time code for this station, and its area's roster with two of our persons.
      const issued = await central.admin<{ code: string }>('POST', '/v1/admin/stations/QS01/codes', { regionCode: '371002', name: '青石镇便民服务中心医保窗口' });
      expect(issued.status).toBe(201);
      await signIn(page, serve, 'admin');
      const claimant = await personBy(residentId('1926-01-03', 1, '371003'));
      const elder = await personBy(residentId('1926-01-05', 1, '371082'));
      const stranger = await personBy(residentId('1926-01-04', 1, '371002'));
      const roster = await central.admin('POST', '/v1/admin/publish/roster', {
        regionCode: '371002',
        rows: [claimant, elder].map((p) => ({ idNumber: p.idNumber, name: p.name, regionCode: '371002', flags: p.flags, insurance: [] })),
      });
      expect(roster.status).toBe(200);

      // Not connected yet: the status bar says so.
      expect(await page.getByTestId('sync-state').textContent()).toContain('未连接中心');

      // The supervisor can read the policy tables the estimates use (the shipped SAMPLE ones, said so).
      await page.keyboard.press('Alt+7');
      const policy = page.locator('.policy-screen');
      await policy.waitFor();
      expect(await policy.textContent()).toContain('样例数据');
      expect(await page.locator('section[data-kind="contribution"] .policy-details[open]').textContent()).toMatch(/一档\s*450\.00 元/);
      expect(await page.locator('section[data-kind="inpatient"] .policy-details[open]').textContent()).toMatch(/%/);
      await scan('policy-zh-CN', found);
      await useLanguage(page, 'en');
      await page.locator('.policy-screen').waitFor();
      await scan('policy-en', found);
      await useLanguage(page, 'zh-CN');

      // The supervisor connects the station: a bad address and a wrong code are named beside their fields.
      await page.keyboard.press('Alt+4');
      await page.locator('#central-url').fill('yb-central');
      await page.locator('#central-code').fill('WRONG-CODE');
      await page.getByRole('button', { name: '连接中心' }).click();
      expect(await page.locator('#central-url-error').textContent()).toContain('中心地址格式不对');
      await page.locator('#central-url').fill(central.url);
      await page.getByRole('button', { name: '连接中心' }).click();
      await page.locator('#central-code-error').waitFor();
      expect(await page.locator('#central-code-error').textContent()).toContain('开通');
      expect(await page.locator('#central-url-error').count()).toBe(0);
      await page.locator('.connect-central').scrollIntoViewIfNeeded();
      await scan('connect-zh-CN', found);
      await page.locator('#central-code').fill(issued.body.code);
      await page.getByRole('button', { name: '连接中心' }).click();
      await page.getByTestId('connect-current').waitFor();
      expect(await page.getByTestId('connect-current').textContent()).toContain(central.url);
      await page.getByTestId('sync-state').filter({ hasText: '已连接中心' }).waitFor();
      await signOut(page);

      // A clerk accepts an outpatient claim at the window…
      await signIn(page, serve, 'clerk1');
      await page.goto(`${serve.origin}/#/intake?person=${claimant.id}&item=outpatient_reimbursement`);
      await page.locator('#f-insuranceType').waitFor();
      await fillOutpatientClaim(page);
      await tickClaimMaterials(page);
      await page.getByRole('button', { name: /^受理/ }).click();
      await page.getByTestId('receipt').waitFor();
      const claimNo = ((await page.getByTestId('receipt-case-no').textContent()) ?? '').trim();
      const listed = await serve.call('queue.list', { filter: { q: claimNo }, page: { offset: 0, limit: 1 } });
      const claimId = listed.ok ? listed.value.rows[0]!.id : '';
      // …an LTC application, and a case for a person central does not know.
      const ltc = await serve.call('cases.intake', {
        itemCode: 'ltc_application',
        personId: elder.id,
        form: SAMPLE_FORMS.ltc_application!,
        materialsReceived: ['credential', 'application_form', 'medical_records'],
      });
      const ltcId = ltc.ok ? ltc.value.case.id : '';
      const refused = await serve.call('cases.intake', {
        itemCode: 'ltc_application',
        personId: stranger.id,
        form: SAMPLE_FORMS.ltc_application!,
        materialsReceived: ['credential', 'application_form', 'medical_records'],
      });
      const refusedNo = refused.ok ? refused.value.case.caseNo : '';
      // The status bar counts the cases waiting for central (the engine may already be pushing them: it syncs
      // a couple of seconds after each change, so the exact count is not asserted here).
      await page.getByTestId('pending-count').filter({ hasText: /待上传 \d+ 件/ }).waitFor();

      // Sync now: online, nothing pending; the case of the unknown person refused, with central's reason.
      const first = await syncNow();
      expect(first).toContain('同步完成');
      expect(await page.getByTestId('sync-connection').textContent()).toContain('已连接中心');
      await page.getByTestId('sync-pending').filter({ hasText: '0 件案件' }).waitFor();
      await page.getByTestId('pending-count').filter({ hasText: '待上传 0 件' }).waitFor();
      expect(await page.getByTestId('sync-state').textContent()).toContain('已连接中心');
      const rejectedList = page.getByTestId('sync-rejected');
      await rejectedList.filter({ hasText: refusedNo }).waitFor();
      expect(await rejectedList.textContent()).toContain('不在中心的参保人员库中');
      expect((await centralCase(claimId)).status).toBe('submitted');
      await scan('sync-zh-CN', found);

      // The refused case says why, from the panel's link.
      await rejectedList.getByRole('link', { name: refusedNo }).first().click();
      await page.getByTestId('sync-error').waitFor();
      expect(await page.getByTestId('sync-error').textContent()).toContain('不在中心的参保人员库中');
      expect(await page.locator('.case-badges [data-testid="sync-badge"]').getAttribute('data-state')).toBe('rejected');

      // The back office returns the claim with a note and approves the LTC application.
      const note = '发票金额与费用明细清单不符，请核对第2张票据后补正';
      expect((await central.admin('POST', `/v1/admin/cases/${claimId}/return`, { note })).status).toBe(200);
      expect((await central.admin('POST', `/v1/admin/cases/${ltcId}/approve`, { note: '评估后符合待遇条件' })).status).toBe(200);
      await syncNow();

      // The claim shows 退回补正 and the note; the queue counts it.
      await page.goto(`${serve.origin}/#/cases/${claimId}`);
      await page.locator('.case-screen .badge-returned').waitFor();
      expect(await page.getByTestId('central-note').textContent()).toContain(note);
      await scan('case-returned-zh-CN', found);

      // 补正: the reason is required; the corrected form goes back up.
      await page.getByTestId('action-correct').click();
      await page.locator('.correction-form').waitFor();
      expect(await page.getByTestId('central-note').textContent()).toContain(note);
      await page.locator('#f-invoices-1-amountFen').fill('96.4');
      await page.getByTestId('resubmit').click();
      await page.locator('#correct-reason-error').waitFor();
      await scan('correct-zh-CN', found);
      await page.locator('#correct-reason').fill('已核对第2张票据，金额更正为96.40元');
      await page.keyboard.press('Control+Enter');
      await page.locator('.case-screen .badge-accepted').waitFor();
      const corrected = await serve.call('cases.get', { caseId: claimId });
      expect(corrected.ok && (corrected.value.case.form.invoices as { amountFen: number }[])[1]!.amountFen).toBe(9640);
      expect(corrected.ok && corrected.value.events.map((e) => e.kind)).toContain('resubmit');
      await syncNow();
      const resubmitted = await centralCase(claimId);
      expect(resubmitted.status).toBe('submitted');

      // The back office approves and completes the claim with a payout.
      expect((await central.admin('POST', `/v1/admin/cases/${claimId}/approve`, { note: null })).status).toBe(200);
      expect((await central.admin('POST', `/v1/admin/cases/${claimId}/complete`, { payoutFen: 98765, note: '已支付到申请人银行账户' })).status).toBe(200);
      await syncNow();
      await page.goto(`${serve.origin}/#/cases/${claimId}`);
      await page.locator('.case-screen .badge-completed').waitFor();
      expect(await page.getByTestId('central-payout').textContent()).toContain('987.65 元');
      expect(await page.locator('.timeline').textContent()).toContain('办结');

      // 出件 of the approved LTC application, with confirmation; central hears of it at the next sync.
      await page.goto(`${serve.origin}/#/cases/${ltcId}`);
      await page.locator('.case-screen .badge-approved').waitFor();
      await page.getByTestId('action-hand-out').click();
      const dialog = page.getByRole('dialog', { name: /出件/ });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: '确认出件' }).click();
      await page.locator('.case-screen .badge-completed').waitFor();
      await syncNow();
      expect((await centralCase(ltcId)).status).toBe('completed');
      await page.getByTestId('sync-pending').filter({ hasText: '0 件案件' }).waitFor();

      // English: the sync panel and the completed claim.
      await useLanguage(page, 'en');
      await page.getByTestId('sync-rejected').waitFor();
      expect(await page.getByTestId('sync-connection').textContent()).toContain('Connected to central');
      await scan('sync-en', found);
      await page.goto(`${serve.origin}/#/cases/${claimId}`);
      await page.getByTestId('central-payout').waitFor();
      await scan('case-completed-en', found);
      await useLanguage(page, 'zh-CN');
      expect(found, JSON.stringify(found, null, 1)).toEqual({});
    }),
  );
});
