import { describe, expect, it } from 'vitest';
import { announceSkip, step } from './harness';
import { signIn, stationUnderTest, submitUnlock, unlock } from './steps';

const skip = announceSkip('settings');

/** Language switch and large-text mode (both remembered), and the screen lock. */
describe.skipIf(skip)('settings: language, large text, lock', () => {
  const station = stationUnderTest('settings', { persons: 100, cases: 200 });

  it('switches to English and back, remembered across reloads', { timeout: 60_000 }, () =>
    step(station.page, 'settings-language', async () => {
      const { page, serve } = station;
      await signIn(page, serve, 'clerk1');
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.keyboard.press('Alt+4');
      await page.getByLabel('English').check();
      await page.locator('nav a[aria-current="page"]', { hasText: 'Settings' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.locator('nav').textContent()).toContain('Work queue');

      await page.reload();
      await page.locator('.app-header').waitFor();
      expect(await page.locator('nav').textContent()).toContain('Work queue');
      // Catalog names follow the language too.
      await page.keyboard.press('Alt+1');
      await page.locator('.qrow[data-case-no]').first().waitFor();
      expect(await page.getByTestId('queue-total').textContent()).toMatch(/^\d+ cases?$/);
      expect(await page.getByTestId('sync-state').textContent()).toContain('Not connected to central');

      await page.keyboard.press('Alt+4');
      await page.getByLabel('简体中文').check();
      await page.locator('nav a[aria-current="page"]', { hasText: '设置' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    }));

  it('turns large text on (bigger text and rows), remembered across reloads', { timeout: 60_000 }, () =>
    step(station.page, 'settings-large-text', async () => {
      const { page } = station;
      const rootSize = async () => Number(await page.evaluate('parseFloat(getComputedStyle(document.documentElement).fontSize)'));
      expect(await rootSize()).toBe(16);
      await page.getByTestId('large-text').check();
      expect(await page.locator('html').getAttribute('class')).toContain('large-text');
      expect(await rootSize()).toBe(20);
      await page.reload();
      await page.locator('.app-header').waitFor();
      expect(await rootSize()).toBe(20);
      await page.keyboard.press('Alt+1');
      const row = page.locator('.qrow[data-case-no]').first();
      await row.waitFor();
      expect(await row.evaluate((r) => r.getBoundingClientRect().height)).toBe(64);
      await page.keyboard.press('Alt+4');
      await page.getByTestId('large-text').uncheck();
      expect(await rootSize()).toBe(16);
    }));

  it('locks the screen; only the password unlocks it, and the work stays', { timeout: 60_000 }, () =>
    step(station.page, 'settings-lock', async () => {
      const { page, serve } = station;
      await page.keyboard.press('Alt+1');
      await page.locator('.qrow[data-case-no]').first().click();
      await page.getByRole('button', { name: '撤回' }).click();
      await page.locator('#withdraw-reason').fill('写到一半');
      await page.keyboard.press('Alt+L');
      const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
      await lock.waitFor();
      expect(await page.locator('.shell').isVisible()).toBe(false);
      expect(await page.locator('#withdraw-reason').isVisible()).toBe(false);
      // The core forgot the user while locked: nothing can be read.
      const locked = await serve.call('queue.counts', {});
      expect(locked.ok ? 'ok' : locked.error.code).toBe('not_signed_in');
      await submitUnlock(page, 'wrong-password');
      await page.locator('#lock-password-error').waitFor();
      expect(await page.locator('.shell').isVisible()).toBe(false);
      await unlock(page);
      // The half-written withdrawal is still there; Esc closes it.
      expect(await page.locator('#withdraw-reason').inputValue()).toBe('写到一半');
      await page.keyboard.press('Escape');
      await page.locator('#withdraw-reason').waitFor({ state: 'detached' });

      // A reload does not get around the lock.
      await page.keyboard.press('Alt+1');
      await page.locator('#queue-search').fill('QS01');
      await page.keyboard.press('Alt+L');
      await lock.waitFor();
      await page.reload();
      await lock.waitFor();
      await unlock(page);
      expect(await page.locator('#queue-search').inputValue()).toBe('QS01');
    }));
});
