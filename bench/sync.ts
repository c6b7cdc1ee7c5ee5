import type { Suite } from './harness';
import { pushFigures } from './sync-push';
import { pullFigure } from './sync-pull';
import { uploadFigures } from './sync-upload';
import { lossyFigures } from './sync-lossy';

/**
 * Sync with the reference central server (its own process, loopback):
 * - `sync-push-sqlite`, `sync-push-postgres`: 10,000 queued cases pushed, cases/s (target ≥ 2,000 on PostgreSQL);
 * - `sync-pull`: 100,000 case status changes pulled and applied at the station, changes/s (target ≥ 5,000);
 * - `upload-throughput`: a 20 MB set of attachments uploaded, MB/s;
 * - `upload-resume`: from reconnecting after a drop mid-file to central acknowledging the first resumed
 *   chunk, ms;
 * - `sync-lossy` (with `sync-lossy-clean`, `sync-lossy-faulty`): 2,000 cases and 500 scans through a link that drops
 *   20% and resets 30% of requests and delays each by up to 200 ms, against the same push on a clean link: the
 *   ratio of the times (target ≤ 4), exactly-once checked.
 */
export const syncSuite: Suite = {
  figures: ['sync-push-sqlite', 'sync-push-postgres', 'sync-pull', 'upload-throughput', 'upload-resume', 'sync-lossy', 'sync-lossy-clean', 'sync-lossy-faulty'],
  async run(report, wanted) {
    if (wanted.has('sync-push-sqlite') || wanted.has('sync-push-postgres')) await pushFigures(report, wanted);
    if (wanted.has('sync-pull')) await pullFigure(report);
    if (wanted.has('upload-throughput') || wanted.has('upload-resume')) await uploadFigures(report, wanted);
    if (wanted.has('sync-lossy') || wanted.has('sync-lossy-clean') || wanted.has('sync-lossy-faulty')) await lossyFigures(report);
  },
};
