import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { QueueFilter } from '../shared/cases/queue';
import { OPEN_STATUSES } from '../shared/cases/status';
import { announceSkip, step, type ServeProcess } from './harness';
import { signIn, stationUnderTest } from './steps';

const skip = announceSkip('queue');
const OPEN = [...OPEN_STATUSES];

/** The work queue over 10,000 seeded cases: search by initials and case number, filters, keyboard, virtual list. */
describe.skipIf(skip)('work queue with 10,000 cases', () => {
  const station = stationUnderTest('queue', { persons: 2000, cases: 10_000 });
  let page: Page;
  let serve: ServeProcess;
  beforeAll(async () => {
    ({ page, serve } = station);
    await signIn(page, serve, 'clerk1');
  });

  async function expected(filter: QueueFilter, limit = 20) {
    const r = await serve.call('queue.list', { filter, page: { offset: 0, limit } });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  async function shownCaseNos(): Promise<string[]> {
    return page.locator('.qrow[data-case-no]').evaluateAll((rows) =>
      rows
        .map((r) => ({ top: Number(/top:\s*([\d.]+)px/.exec(r.getAttribute('style') ?? '')?.[1] ?? 0), no: r.getAttribute('data-case-no') ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((r) => r.no),
    );
  }

  async function waitTotal(total: number) {
    await page.getByTestId('queue-total').filter({ hasText: new RegExp(`^共 ${total} 件$`) }).waitFor();
  }

  it('shows the open cases by due date, virtualised', { timeout: 90_000 }, () =>
    step(page, 'queue-default', async () => {
      const all = await expected({ statuses: OPEN }, 10);
      expect(all.total).toBeGreaterThan(5000);
      await waitTotal(all.total);
      await page.locator('.qrow[data-case-no]').first().waitFor();
      const first = (await shownCaseNos()).slice(0, 10);
      expect(first).toEqual(all.rows.map((r) => r.caseNo));
      // Only what is in view (plus a little) is in the DOM.
      expect(await page.locator('.qrow').count()).toBeLessThan(60);
      // End jumps to the last case; its page is fetched on demand.
      await page.getByTestId('queue-list').focus();
      await page.keyboard.press('End');
      await page.locator(`.qrow[aria-posinset="${all.total}"][data-case-no]`).waitFor();
      await page.keyboard.press('Home');
      await page.locator('.qrow[aria-posinset="1"][data-case-no]').waitFor();
    }));

  it('finds a person’s cases by pinyin initials, and one case by its number', { timeout: 90_000 }, () =>
    step(page, 'queue-search', async () => {
      const sample = (await expected({ statuses: OPEN }, 50)).rows[37]!;
      const person = await serve.call('persons.findByIdNumber', { idNumber: sample.personIdNumber });
      const initials = person.ok && person.value ? person.value.nameInitials : '';
      expect(initials).toMatch(/^[a-z]{2,3}$/);

      // "/" focuses the search box from anywhere on the queue.
      await page.locator('.screen-title').click();
      await page.keyboard.press('/');
      await expect(page.evaluate('document.activeElement && document.activeElement.id')).resolves.toBe('queue-search');
      await page.keyboard.type(initials);
      const byInitials = await expected({ statuses: OPEN, q: initials }, 200);
      expect(byInitials.total).toBeGreaterThan(0);
      expect(byInitials.total).toBeLessThan(1000);
      await waitTotal(byInitials.total);
      await page.locator('.qrow[data-case-no]').first().waitFor();
      const shown = await shownCaseNos();
      expect(shown).toEqual(byInitials.rows.slice(0, shown.length).map((r) => r.caseNo));
      expect(byInitials.rows.some((r) => r.caseNo === sample.caseNo) || byInitials.total > 200).toBe(true);

      // A case number: exactly that case; Enter moves to the list, Enter opens it.
      await page.locator('#queue-search').fill(sample.caseNo);
      await waitTotal(1);
      await page.locator('#queue-search').press('Enter');
      await expect(page.evaluate('document.activeElement && document.activeElement.getAttribute("role")')).resolves.toBe('listbox');
      await page.keyboard.press('Enter');
      await page.locator('.case-screen h1', { hasText: sample.caseNo }).waitFor();
      await page.goBack();
      await page.locator('#queue-search').fill('');
    }));

  it('filters by family, status, awaiting materials and overdue, matching the core', { timeout: 90_000 }, () =>
    step(page, 'queue-filters', async () => {
      await page.getByRole('button', { name: '清除筛选' }).click();
      await page.getByLabel('业务类别').selectOption('care');
      const care = await expected({ statuses: OPEN, family: 'care' });
      await waitTotal(care.total);
      await page.locator('.qrow[data-case-no]').first().waitFor();
      expect(await shownCaseNos().then((s) => s.slice(0, 5))).toEqual(care.rows.slice(0, 5).map((r) => r.caseNo));

      await page.getByLabel('业务类别').selectOption('');
      await page.getByLabel('状态', { exact: true }).selectOption('withdrawn');
      const withdrawn = await expected({ statuses: ['withdrawn'] });
      await waitTotal(withdrawn.total);

      await page.getByLabel('状态', { exact: true }).selectOption('open');
      await page.getByLabel('待补材料').check();
      const awaiting = await expected({ statuses: ['awaiting_materials'] });
      expect(awaiting.total).toBeGreaterThan(0);
      await waitTotal(awaiting.total);
      const badges = await page.locator('.qrow[data-case-no] .badge').allTextContents();
      expect(new Set(badges)).toEqual(new Set(['容缺待补']));

      await page.getByLabel('待补材料').uncheck();
      await page.getByLabel('已超期', { exact: true }).check();
      const overdue = await expected({ statuses: OPEN, overdue: true });
      await waitTotal(overdue.total);
      if (overdue.total > 0) {
        await page.locator('.qrow-overdue').first().waitFor();
        expect(await page.locator('.qrow[data-case-no]:not(.qrow-overdue)').count()).toBe(0);
      }

      await page.getByLabel('已超期', { exact: true }).uncheck();
      await page.getByLabel('我受理的').check();
      const me = await serve.call('auth.me', {});
      const mine = await expected({ statuses: OPEN, clerkId: me.ok ? me.value.user!.id : '' });
      await waitTotal(mine.total);
      await page.getByRole('button', { name: '清除筛选' }).click();
    }));

  it('counts by status agree with the core', { timeout: 30_000 }, async () => {
    const counts = await serve.call('queue.counts', {});
    expect(counts.ok).toBe(true);
    if (!counts.ok) return;
    const draft = page.locator('.count-draft .count-value');
    await expect(draft.textContent()).resolves.toBe(String(counts.value.byStatus.draft));
    await expect(page.locator('.count-overdue .count-value').textContent()).resolves.toBe(String(counts.value.overdue));
    // Without sync, the status bar tells the truth: not connected, with the cases waiting for central.
    await expect(page.getByTestId('sync-state').textContent()).resolves.toContain('未连接中心');
    await expect(page.getByTestId('pending-count').textContent()).resolves.toBe(`待上传 ${counts.value.pendingCases} 件`);
  });
});
