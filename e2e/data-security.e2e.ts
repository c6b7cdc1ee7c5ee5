import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { announceSkip, axeSerious, removeDir, screenshot, startServe, step, tempDataDir } from './harness';
import { signIn, stationUnderTest } from './steps';

const skip = announceSkip('data-security');

/** Everything in a folder tree, as one buffer (what someone holding the files has). */
function rawBytes(dir: string): Buffer {
  const walk = (d: string): Buffer[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [readFileSync(join(d, e.name))]));
  return Buffer.concat(walk(dir));
}

async function recoveryKeyFromSheet(page: Page): Promise<string> {
  const text = (await page.getByTestId('recovery-key').textContent()) ?? '';
  const digits = text.replace(/\D/g, '');
  expect(digits).toHaveLength(48);
  return digits.match(/.{6}/g)!.join('-');
}

/**
 * A supervisor's data security, through the UI: a new recovery key (shown once, printable), a backup to a "USB
 * stick" with its progress; then the station's computer is lost: a new install restores the backup with the recovery
 * key, and the same data directory moved to yet another computer (no key file) opens with the recovery key too.
 */
describe.skipIf(skip)('supervisor: recovery key, backup, restore on a new install, unlock on another computer', () => {
  const station = stationUnderTest('data-security', { persons: 50, cases: 20 });

  it('backs up from the settings and restores on a new install with the recovery key', { timeout: 240_000 }, () =>
    step(station.page, 'data-security', async () => {
      const { page, serve } = station;
      const usb = mkdtempSync(join(tmpdir(), 'yibao-e2e-usb-'));
      try {
        await signIn(page, serve, 'admin');
        await page.keyboard.press('Alt+4');
        const card = page.getByTestId('data-security');
        await card.waitFor();
        // The key facts come from their own call after the card shows.
        await card.getByText('AEGIS-256（256 位密钥，逐页认证加密）', { exact: false }).waitFor();

        // A new recovery key: asked to confirm, shown once on a printable sheet.
        page.once('dialog', (d) => void d.accept());
        await card.getByRole('button', { name: '重新生成恢复密钥' }).click();
        const recoveryKey = await recoveryKeyFromSheet(page);
        await screenshot(page, 'settings-recovery-key-zh-CN');
        await page.getByTestId('recovery-kept').check();
        await page.getByRole('button', { name: '完成', exact: true }).click();

        // Backups to the "USB stick", now.
        await card.waitFor();
        await page.locator('#backup-folder').fill('relative/path');
        await card.getByRole('button', { name: '保存备份设置' }).click();
        expect(await page.locator('#backup-folder-error').textContent()).toContain('完整路径');
        await page.locator('#backup-folder').fill(usb);
        await card.getByRole('button', { name: '保存备份设置' }).click();
        await card.getByRole('button', { name: '立即备份' }).click();
        await card.getByText('成功').waitFor({ timeout: 60_000 });
        expect(await axeSerious(page)).toEqual([]);
        await screenshot(page, 'settings-data-security-zh-CN');
        const backups = readdirSync(usb).filter((n) => n.startsWith('yibao-backup-QS01-'));
        expect(backups).toHaveLength(1);
        // No name of the station's persons is in the backup's bytes. (A whole name, not one character: three given
        // bytes turn up in a few MB of ciphertext by chance — this check once failed so.)
        const queue = await serve.call('queue.list', { filter: {}, page: { offset: 0, limit: 20 } });
        const names = queue.ok ? queue.value.rows.map((r) => r.personName) : [];
        expect(names.length).toBeGreaterThan(0);
        const raw = rawBytes(usb);
        for (const name of new Set(names)) {
          expect(name).toMatch(/^\p{Script=Han}{2,4}$/u);
          expect(raw.includes(Buffer.from(name)), name).toBe(false);
        }

        // The station's computer is gone: a new install, restored from the stick.
        const fresh = tempDataDir('data-security-new');
        const host = await startServe(fresh);
        try {
          await page.goto(host.url);
          await page.locator('#setup-code').waitFor();
          await page.getByRole('button', { name: '这是一台新电脑，要从备份恢复已有站点的数据？' }).click();
          await page.locator('#restore-folder').fill(usb);
          await page.getByRole('button', { name: '查找备份' }).click();
          await page.locator('#restore-recovery').fill('123456-000000-000000-000000-000000-000000-000000-000000');
          await page.getByRole('button', { name: '恢复', exact: true }).click();
          expect(await page.locator('#restore-recovery-error').textContent()).toContain('恢复密钥');
          await page.locator('#restore-recovery').fill(recoveryKey.replaceAll('-', ' '));
          await page.getByRole('button', { name: '恢复', exact: true }).click();
          await page.locator('#signin-username').waitFor({ timeout: 60_000 });
          await page.locator('#signin-username').fill('clerk1');
          await page.locator('#signin-password').fill('demo-pass-2026');
          await page.locator('#signin-password').press('Enter');
          await page.locator('.app-header').waitFor();
          expect(await host.call('setup.status', {})).toMatchObject({ ok: true, value: { initialized: true, station: { code: 'QS01' } } });
        } finally {
          await host.stop();
        }

        // That data directory moved to yet another computer (its key file stays behind): locked, the recovery key opens it.
        rmSync(`${fresh}-keys`, { recursive: true, force: true });
        const moved = await startServe(fresh);
        try {
          await page.goto(moved.url);
          await page.locator('#unlock-recovery').waitFor();
          expect(await axeSerious(page)).toEqual([]);
          await screenshot(page, 'unlock-recovery-zh-CN');
          await page.locator('#unlock-recovery').fill(recoveryKey);
          await page.getByRole('button', { name: '用恢复密钥打开' }).click();
          await page.locator('#signin-username').waitFor({ timeout: 30_000 });
        } finally {
          await moved.stop();
          removeDir(fresh);
        }
      } finally {
        rmSync(usb, { recursive: true, force: true });
      }
    }),
  );
});
