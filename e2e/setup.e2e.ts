import { describe, expect, it } from 'vitest';
import { announceSkip, axeSerious, screenshot, step } from './harness';
import { signIn, signOut, stationUnderTest, submitSignIn } from './steps';

const skip = announceSkip('setup');

/** First run on an empty data directory: the station and its supervisor, then an account for a clerk. */
describe.skipIf(skip)('first run: station setup, supervisor creates a clerk', () => {
  const station = stationUnderTest('setup', null);

  it('sets the station up, creates an account, and the new clerk signs in', { timeout: 90_000 }, () =>
    step(station.page, 'setup', async () => {
      const { page, serve } = station;
      await page.goto(serve.url);
      await page.locator('#setup-code').waitFor();
      // The token left the address bar.
      expect(page.url()).not.toContain('token=');
      await screenshot(page, 'setup-zh-CN');
      expect(await axeSerious(page)).toEqual([]);

      // Mistakes are named beside their fields, in Chinese, before anything is sent.
      await page.locator('#setup-code').fill('qs');
      await page.locator('#setup-regionCode').fill('3710');
      await page.locator('#setup-password').fill('short');
      await page.getByRole('button', { name: '完成设置' }).click();
      expect(await page.locator('#setup-code-error').textContent()).toContain('4至12位');
      expect(await page.locator('#setup-regionCode-error').textContent()).toContain('6位数字');
      expect(await page.locator('#setup-password-error').textContent()).toContain('至少 10 位');
      expect(await serve.call('setup.status', {})).toMatchObject({ ok: true, value: { initialized: false } });

      await page.locator('#setup-code').fill('HX02');
      await page.locator('#setup-name').fill('河西街道便民服务中心医保窗口');
      await page.locator('#setup-regionCode').fill('371002');
      await page.locator('#setup-username').fill('chief');
      await page.locator('#setup-displayName').fill('周站长');
      await page.locator('#setup-password').fill('station-pass-1');
      await page.locator('#setup-confirm').fill('station-pass-1');
      await page.getByRole('button', { name: '完成设置' }).click();

      // The recovery key is made and shown once, on a printable sheet; work starts once it is kept.
      await page.getByTestId('security-gate').waitFor();
      expect(await axeSerious(page)).toEqual([]);
      await page.getByRole('button', { name: '生成恢复密钥' }).click();
      const key = (await page.getByTestId('recovery-key').textContent()) ?? '';
      expect(key.replace(/[\s-]/g, '')).toMatch(/^\d{48}$/);
      await screenshot(page, 'setup-recovery-key-zh-CN');
      expect(await page.getByRole('button', { name: '完成', exact: true }).isDisabled()).toBe(true);
      await page.getByTestId('recovery-kept').check();
      await page.getByRole('button', { name: '完成', exact: true }).click();
      await page.locator('.app-header').waitFor();
      expect(await serve.call('setup.status', {})).toMatchObject({ ok: true, value: { initialized: true } });
      expect(await page.getByTestId('sync-state').textContent()).toContain('未连接中心');

      // Accounts (supervisors only). A password too short is refused beside its field before anything is sent, and
      // the cursor goes there.
      await page.keyboard.press('Alt+5');
      await page.locator('#nu-username').fill('clerk9');
      await page.locator('#nu-displayName').fill('钱晓');
      await page.locator('#nu-password').fill('short');
      await page.getByRole('button', { name: '创建账号' }).click();
      await page.locator('#nu-password-error').waitFor();
      await page.locator('#nu-password:focus').waitFor();
      expect(await page.locator('table.table td', { hasText: 'clerk9' }).count()).toBe(0);
      await page.locator('#nu-username').fill('clerk9');
      await page.locator('#nu-displayName').fill('钱晓');
      await page.locator('#nu-role').selectOption('clerk');
      await page.locator('#nu-password').fill('clerk-pass-9');
      await page.getByRole('button', { name: '创建账号' }).click();
      await page.locator('table.table td', { hasText: 'clerk9' }).waitFor();
      // The same username again is refused beside the field.
      await page.locator('#nu-username').fill('clerk9');
      await page.locator('#nu-displayName').fill('钱晓');
      await page.locator('#nu-password').fill('clerk-pass-9');
      await page.getByRole('button', { name: '创建账号' }).click();
      expect(await page.locator('#nu-username-error').textContent()).toContain('已被使用');

      await signOut(page);
      await signIn(page, serve, 'clerk9', 'clerk-pass-9');
      expect(await page.locator('.status-bar').textContent()).toContain('钱晓');
      // A clerk has no accounts screen.
      expect(await page.locator('nav a', { hasText: '账号管理' }).count()).toBe(0);

      // A wrong password is refused.
      await signOut(page);
      await submitSignIn(page, 'clerk9', 'nope-nope');
      expect(await page.locator('#signin-password-error').textContent()).toContain('用户名或密码不正确');
    }));
});
