import { describe, expect, it } from 'vitest';
import { UpgradeProgress } from './upgrade-progress';
import { ENCRYPT_STEPS } from '../../db/encrypt-store';
import type { UpgradeStep } from './security';

function run(steps: readonly UpgradeStep[], msPerStep = 1500): string[] {
  const lines: string[] = [];
  let t = 1_000_000;
  const p = new UpgradeProgress((l) => lines.push(l), () => (t += msPerStep));
  for (const s of steps) p.step(s);
  return lines;
}

describe('the upgrade as the person at the station sees it', () => {
  it('a cipher conversion: a line per step naming the next, the seconds so far, and not to switch off', () => {
    const lines = run([...ENCRYPT_STEPS, 'envelope']);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('正在升级本站数据的加密保护：复制数据库（第 1/4 步）（已用 0 秒）。请勿关闭电脑或断电，完成后自动打开');
    expect(lines[1]).toContain('加密数据库副本（第 2/4 步）（已用 2 秒）');
    expect(lines[4]).toContain('记录新的加密方式');
    expect(lines[5]).toContain('打开数据库（已用 8 秒）');
  });

  it('a plaintext store encrypted: its attachments counted every 200 files, then done', () => {
    const lines = run(['keys', ...ENCRYPT_STEPS, ...Array<UpgradeStep>(450).fill('attachment'), 'done'], 10);
    expect(lines[0]).toContain('准备数据库');
    expect(lines.filter((l) => l.includes('加密附件'))).toEqual([expect.stringContaining('已完成 200 个'), expect.stringContaining('已完成 400 个')]);
    expect(lines.at(-1)).toMatch(/^正在升级本站数据的加密保护：升级完成，正在启动（已用 5 秒）$/);
  });

  it('a new station (its store sealed at once) says nothing', () => {
    expect(run(['done'])).toEqual([]);
  });
});
