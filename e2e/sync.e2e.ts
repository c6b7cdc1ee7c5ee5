import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request } from 'playwright-core';
import { SAMPLE_FORMS } from '../shared/catalog/testing/samples';
import { findItem } from '../shared/catalog/default-catalog';
import { materialsFor } from '../shared/cases/materials';
import { maskIdNumber } from '../shared/identity';
import { formatYuan } from '../shared/money';
import { announceSkip, residentId, startCentral, step, type CentralProcess } from './harness';
import { accept, caseIdByNo, dismissToasts, openCase, openIntake, personByIdNumber, readReceipt, ScreenScans, signIn, signOut, stationUnderTest, syncNowOnPanel, useLanguage } from './steps';
import { fillOutpatientClaim, outpatientSettlement, tickClaimMaterials } from './forms';

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
 * office returns a claim with a note; the clerk corrects it (补正, with the live estimate) and sends it again; the
 * back office approves and completes it with a payout; the window hands out (出件) an approved LTC case to a
 * family member, named in the case's history. Central's refusal of a case (the person's enrollment for the year
 * taken twice) shows in the status bar as soon as the core says so, counted by case, and in the sync panel with its
 * reason; a case for a person central does not know goes up after the station sent the person, by itself.
 */
describe.skipIf(skip)('sync with the reference central server: connect, submit, return, correct, complete, hand out', () => {
  let central: CentralProcess;
  beforeAll(async () => {
    central = await startCentral();
  }, 120_000);
  afterAll(async () => {
    await central?.stop();
  });
  const station = stationUnderTest('sync', { persons: 100, cases: 0 });

  /** 立即同步 on the sync panel: the text of this run's result line. */
  const syncNow = async (): Promise<string> => (await syncNowOnPanel(station.page)).text;

  async function centralCase(caseId: string): Promise<CentralCase> {
    const r = await central.admin<CentralCase>('GET', `/v1/admin/cases/${caseId}`);
    expect(r.status).toBe(200);
    return r.body;
  }

  it('goes through the whole round trip', { timeout: 300_000 }, () =>
    step(station.page, 'sync', async () => {
      const { page, serve } = station;
      const scans = new ScreenScans();
      // The back office: a one-time code for this station, and its area's roster with two of our persons.
      const issued = await central.admin<{ code: string }>('POST', '/v1/admin/stations/QS01/codes', { regionCode: '371002', name: '青石镇便民服务中心医保窗口' });
      expect(issued.status).toBe(201);
      await signIn(page, serve, 'admin');
      const claimant = await personByIdNumber(serve, residentId('1926-01-03', 1, '371003'));
      const elder = await personByIdNumber(serve, residentId('1926-01-05', 1, '371082'));
      const stranger = await personByIdNumber(serve, residentId('1926-01-04', 1, '371002'));
      const roster = await central.admin('POST', '/v1/admin/publish/roster', {
        regionCode: '371002',
        rows: [claimant, elder].map((p) => ({ idNumber: p.idNumber, name: p.name, regionCode: '371002', flags: p.flags, insurance: p.insurance })),
      });
      expect(roster.status).toBe(200);

      // Not connected yet: the status bar says so.
      expect(await page.getByTestId('sync-state').textContent()).toContain('未连接中心');

      // The supervisor can read the policy tables the estimates use (the shipped SAMPLE ones, said so).
      await page.keyboard.press('Alt+7');
      const policy = page.locator('.policy-screen');
      await policy.waitFor();
      expect(await policy.textContent()).toContain('样例数据');
      // Which tables are in force is said plainly, and nothing on the screen points at the program's files.
      expect(await page.getByTestId('policy-in-force').getAttribute('data-sample')).toBe('true');
      expect(await policy.textContent()).not.toMatch(/DOMAIN|\.md\b|seeds\//);
      expect(await page.locator('section[data-kind="contribution"] .policy-details[open]').textContent()).toMatch(/一档\s*450\.00 元/);
      expect(await page.locator('section[data-kind="inpatient"] .policy-details[open]').textContent()).toMatch(/%/);
      await scans.scan(page, 'policy-zh-CN');
      await useLanguage(page, 'en');
      await page.locator('.policy-screen').waitFor();
      await scans.scan(page, 'policy-en');
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
      await scans.scan(page, 'connect-zh-CN');
      await page.locator('#central-code').fill(issued.body.code);
      await page.getByRole('button', { name: '连接中心' }).click();
      await page.getByTestId('connect-current').waitFor();
      expect(await page.getByTestId('connect-current').textContent()).toContain(central.url);
      await page.getByTestId('sync-state').filter({ hasText: '已连接中心' }).waitFor();
      await signOut(page);

      // A clerk accepts an outpatient claim at the window…
      await signIn(page, serve, 'clerk1');
      await openIntake(page, serve, claimant.id, 'outpatient_reimbursement');
      await fillOutpatientClaim(page);
      await tickClaimMaterials(page);
      await accept(page);
      const { caseNo: claimNo } = await readReceipt(page);
      const claimId = await caseIdByNo(serve, claimNo);
      // From here on the tab does not read sync.status by itself: the status bar follows the core's events.
      const statusReads: string[] = [];
      const countStatusReads = (r: Request) => {
        if (new URL(r.url()).pathname === '/api/sync.status') statusReads.push(page.url());
      };
      page.on('request', countStatusReads);
      // …an LTC application, a case for a person central does not know (the station sends the person first, by
      // itself), and the claimant's enrollment for the year — twice (central refuses the second).
      const ltc = await serve.call('cases.intake', {
        itemCode: 'ltc_application',
        personId: elder.id,
        form: SAMPLE_FORMS.ltc_application!,
        materialsReceived: ['credential', 'application_form', 'medical_records'],
      });
      const ltcId = ltc.ok ? ltc.value.case.id : '';
      const strangers = await serve.call('cases.intake', {
        itemCode: 'ltc_application',
        personId: stranger.id,
        form: SAMPLE_FORMS.ltc_application!,
        materialsReceived: ['credential', 'application_form', 'medical_records'],
      });
      const strangersId = strangers.ok ? strangers.value.case.id : '';
      const enrollment = SAMPLE_FORMS.resident_enrollment!;
      const enrollmentMaterials = materialsFor(findItem('resident_enrollment')!, enrollment, false)
        .filter((m) => m.needed)
        .map((m) => m.material.code);
      await serve.call('cases.intake', { itemCode: 'resident_enrollment', personId: claimant.id, form: enrollment, materialsReceived: enrollmentMaterials });
      // (The second saved as a draft first and accepted later: two changes to push, the draft taken, the 受理 refused.)
      const draft = await serve.call('cases.create', { itemCode: 'resident_enrollment', personId: claimant.id, form: enrollment });
      const refused = await serve.call('cases.accept', {
        caseId: draft.ok ? draft.value.case.id : '',
        version: draft.ok ? draft.value.case.version : 0,
        materialsReceived: enrollmentMaterials,
      });
      const refusedNo = refused.ok ? refused.value.case.caseNo : '';
      // The status bar counts the cases waiting for central (the engine may already be pushing them: it syncs
      // a couple of seconds after each change, so the exact count is not asserted here).
      await page.getByTestId('pending-count').filter({ hasText: /待上传 \d+ 件/ }).waitFor();

      // A run of the engine (not started from this tab) pushes them; central refuses the second enrollment. The status
      // bar counts refused cases from the core's event alone.
      for (let i = 0; i < 3; i++) {
        await serve.call('sync.now', {});
        const s = await serve.call('sync.status', {});
        if (s.ok && s.value.status.rejectedCases > 0) break;
      }
      const afterRun = await serve.call('sync.status', {});
      expect(afterRun.ok && [afterRun.value.status.rejectedCases, afterRun.value.status.rejected]).toEqual([1, 1]);
      await page.getByTestId('sync-state').filter({ hasText: '中心拒收 1 件' }).waitFor();
      expect(statusReads).toEqual([]);
      page.off('request', countStatusReads);

      // Sync now: online, nothing pending; the second enrollment refused, with central's reason; the case of the
      // person central did not know went up after its person, nobody had to act.
      const first = await syncNow();
      expect(first).toContain('同步完成');
      expect(await page.getByTestId('sync-connection').textContent()).toContain('已连接中心');
      await page.getByTestId('sync-pending').filter({ hasText: '0 件案件' }).waitFor();
      await page.getByTestId('pending-count').filter({ hasText: '待上传 0 件' }).waitFor();
      expect(await page.getByTestId('sync-state').textContent()).toContain('已连接中心');
      const rejectedList = page.getByTestId('sync-rejected');
      await rejectedList.filter({ hasText: refusedNo }).waitFor();
      expect(await rejectedList.textContent()).toContain('不能重复参保');
      // Counted by case on the panel too: one case, its refused change.
      expect(await page.locator('#sync-rejected-title').textContent()).toBe('中心拒收（1 件）');
      expect(await page.getByTestId('sync-rejected-count').textContent()).toBe('1 件案件 · 1 项变更');
      const strangersCase = await serve.call('cases.get', { caseId: strangersId });
      expect(strangersCase.ok && [strangersCase.value.case.status, strangersCase.value.case.syncState]).toEqual(['submitted', 'synced']);
      expect(await page.getByTestId('sync-state').textContent()).toContain('中心拒收 1 件');
      expect((await centralCase(claimId)).status).toBe('submitted');
      await scans.scan(page, 'sync-zh-CN');

      // The refused case says why, from the panel's link.
      await rejectedList.getByRole('link', { name: refusedNo }).first().click();
      await page.getByTestId('sync-error').waitFor();
      expect(await page.getByTestId('sync-error').textContent()).toContain('不能重复参保');
      expect(await page.locator('.case-badges [data-testid="sync-badge"]').getAttribute('data-state')).toBe('rejected');

      // The back office returns the claim with a note and approves the LTC application.
      const note = '发票金额与费用明细清单不符，请核对第2张票据后补正';
      expect((await central.admin('POST', `/v1/admin/cases/${claimId}/return`, { note })).status).toBe(200);
      expect((await central.admin('POST', `/v1/admin/cases/${ltcId}/approve`, { note: '评估后符合待遇条件' })).status).toBe(200);
      await syncNow();

      // The claim shows 退回补正 and the note; the queue counts it.
      await openCase(page, serve, claimId);
      await page.locator('.case-screen .badge-returned').waitFor();
      expect(await page.getByTestId('central-note').textContent()).toContain(note);
      await scans.scan(page, 'case-returned-zh-CN');

      // 补正: the reason is required; the corrected form goes back up.
      await page.getByTestId('action-correct').click();
      await page.locator('.correction-form').waitFor();
      expect(await page.getByTestId('central-note').textContent()).toContain(note);
      // The estimate beside the correction, for the case's person (tier from the roster record central published).
      const estimate = page.locator('.correction-form').getByTestId('estimate-panel');
      const asTaken = outpatientSettlement(claimant, [{ amountFen: 123456, selfPaidFen: 12000 }, { amountFen: 8640 }]);
      await estimate.getByTestId('estimate-person').filter({ hasText: `${formatYuan(asTaken.personFen)} 元` }).waitFor();
      await page.locator('#f-invoices-1-amountFen').fill('96.4');
      const asCorrected = outpatientSettlement(claimant, [{ amountFen: 123456, selfPaidFen: 12000 }, { amountFen: 9640 }]);
      await estimate.getByTestId('estimate-total').filter({ hasText: `${formatYuan(asCorrected.totalFen)} 元` }).waitFor();
      expect(await estimate.getByTestId('estimate-person').textContent()).toBe(`${formatYuan(asCorrected.personFen)} 元`);
      await page.getByTestId('resubmit').click();
      await page.locator('#correct-reason-error').waitFor();
      await scans.scan(page, 'correct-zh-CN');
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
      await openCase(page, serve, claimId);
      await page.locator('.case-screen .badge-completed').waitFor();
      expect(await page.getByTestId('central-payout').textContent()).toContain('987.65 元');
      expect(await page.locator('.timeline').textContent()).toContain('办结');

      // 出件 of the approved LTC application to the elder's son: who collected it is part of the confirmation;
      // central hears of it at the next sync.
      await openCase(page, serve, ltcId);
      await page.locator('.case-screen .badge-approved').waitFor();
      await page.getByTestId('action-hand-out').click();
      const dialog = page.getByRole('dialog', { name: /出件/ });
      await dialog.waitFor();
      await dialog.getByLabel('由他人代领（不是申请人本人领取）').check();
      // The collector's name is required once the section is on: named beside the field, nothing sent.
      await dialog.getByRole('button', { name: '确认出件' }).click();
      expect(await page.locator('#collector-name-error').textContent()).toBe('请填写领取人姓名');
      const stillApproved = await serve.call('cases.get', { caseId: ltcId });
      expect(stillApproved.ok && stillApproved.value.case.status).toBe('approved');
      await page.locator('#collector-name').fill('张建国');
      // The ID number is checked as it is typed: a wrong check character is named beside the field at once.
      const collectorId = residentId('1958-03-12', 23, '371002');
      const collectorIdInput = page.locator('#collector-idNumber');
      await collectorIdInput.fill(collectorId.slice(0, 17) + (collectorId.endsWith('0') ? '1' : '0'));
      expect(await page.locator('#collector-idNumber-error').textContent()).toMatch(/校验/);
      expect(await collectorIdInput.getAttribute('aria-invalid')).toBe('true');
      await collectorIdInput.fill(collectorId);
      await page.locator('#collector-idNumber-error').waitFor({ state: 'detached' });
      await page.locator('#collector-relationship').selectOption('child');
      await scans.scan(page, 'handout-zh-CN');
      await dialog.getByRole('button', { name: '确认出件' }).click();
      await page.locator('.case-screen .badge-completed').waitFor();
      // The case's history names who collected it (ID masked); the event keeps it whole.
      const collected = page.locator('.timeline-item', { hasText: '窗口出件' }).getByTestId('event-collector');
      expect(await collected.textContent()).toBe(`领取人：张建国（子女） · 证件号码 ${maskIdNumber(collectorId)}`);
      const handedOut = await serve.call('cases.get', { caseId: ltcId });
      expect(handedOut.ok && handedOut.value.events.find((e) => e.kind === 'hand_out')?.data.collector).toEqual({ name: '张建国', idNumber: collectorId, relationship: 'child' });
      await dismissToasts(page);
      await collected.scrollIntoViewIfNeeded();
      await scans.scan(page, 'case-handed-out-zh-CN');
      await syncNow();
      expect((await centralCase(ltcId)).status).toBe('completed');
      await page.getByTestId('sync-pending').filter({ hasText: '0 件案件' }).waitFor();

      // English: the sync panel and the completed claim.
      await useLanguage(page, 'en');
      await page.getByTestId('sync-rejected').waitFor();
      expect(await page.getByTestId('sync-connection').textContent()).toContain('Connected to central');
      await scans.scan(page, 'sync-en');
      await openCase(page, serve, claimId);
      await page.getByTestId('central-payout').waitFor();
      await scans.scan(page, 'case-completed-en');
      await useLanguage(page, 'zh-CN');
      scans.expectNone();
    }),
  );
});
