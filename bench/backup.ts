import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../core/core';
import type { Session } from '../core/session';
import type { SessionUser } from '../shared/api/channels/auth';
import { configureBackup, lastSnapshotTimings, runBackup } from '../core/features/backup/backup';
import { issueRecoveryKey } from '../core/features/keys/keys';
import type { ChannelInput } from '../shared/api/contract';

/**
 * `backup`: a full encrypted backup of the store (the snapshot worker's VACUUM INTO, its check and hash; attachments,
 * none in the bench store) while the window keeps taking intakes through the router — the backup's seconds, and the
 * intakes' latencies while it ran.
 */
export async function measureBackup(
  core: Core,
  admin: SessionUser,
  clerk: Session,
  /** The i-th intake the window takes meanwhile. */
  intakeInput: (i: number) => ChannelInput<'cases.intake'>,
): Promise<{ seconds: number; bytes: number; intakes: number[] }> {
  const ctx = core.ctx;
  const folder = mkdtempSync(join(tmpdir(), 'yibao-bench-usb-'));
  try {
    configureBackup(ctx, admin, { folder, daily: false });
    issueRecoveryKey(ctx, admin);
    let done = false;
    const t0 = performance.now();
    const backup = runBackup(ctx, admin, 'manual').finally(() => (done = true));
    const intakes: number[] = [];
    for (let i = 0; !done; i++) {
      const s = process.hrtime.bigint();
      const r = await core.router.handle(clerk, 'cases.intake', intakeInput(i));
      intakes.push(Number(process.hrtime.bigint() - s) / 1e6);
      if (!r.ok) throw new Error(`intake during backup: ${r.error.message}`);
      // A clerk's pace is far below this; leave the event loop a turn between intakes (progress timer, worker messages).
      await new Promise((r) => setImmediate(r));
    }
    const outcome = await backup;
    const seconds = (performance.now() - t0) / 1000;
    if (!outcome.ok) throw new Error(outcome.message ?? 'backup failed');
    const t = lastSnapshotTimings(ctx);
    if (t) console.error(`(backup store copy: VACUUM INTO ${(t.copyMs / 1000).toFixed(1)} s, quick_check ${(t.checkMs / 1000).toFixed(1)} s, sha256 ${(t.hashMs / 1000).toFixed(1)} s)`);
    return { seconds, bytes: outcome.bytes, intakes };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
