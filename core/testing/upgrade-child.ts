import { writeSync } from 'node:fs';
import { createCore } from '../core';
import type { UpgradeStep } from '../keys/security';

/**
 * Child process of the upgrade crash test: opens a data directory (encrypting a plaintext store on the way) and is
 * killed with SIGKILL right after the named step.
 *   node --import tsx core/testing/upgrade-child.ts <dataDir> <step>
 */
const [dataDir, killAt] = process.argv.slice(2) as [string, UpgradeStep | undefined];
if (!dataDir) throw new Error('usage: upgrade-child <dataDir> [step]');
const core = createCore({
  dataDir,
  log: { error: () => undefined },
  onUpgradeStep: (step) => {
    writeSync(1, `${step}\n`);
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
writeSync(1, `opened ${core.ctx.security.lock ? 'locked' : 'open'}\n`);
core.close();
