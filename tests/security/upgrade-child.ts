import { spawn } from 'node:child_process';

/**
 * Run a first start after an upgrade in a child process (core/testing/upgrade-child.ts) that SIGKILLs itself at step
 * `killAt`: its output and the signal it ended by (null: it ran to the end). A child that fails otherwise rejects.
 */
export function runUpgradeChild(dir: string, killAt: string): Promise<{ out: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/testing/upgrade-child.ts', dir, killAt], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === null && code !== 0 ? reject(new Error(err)) : resolve({ out, signal })));
  });
}
