import type { Suite } from './harness';
import { pushFigures } from './sync-push';
import { pullFigure } from './sync-pull';
import { uploadFigures } from './sync-upload';

/**
 * Sync with the reference central server (its own process, loopback):
 * - `sync-push-sqlite`, `sync-push-postgres`: 10,000 queued cases pushed, cases/s (target ≥ 2,000 on PostgreSQL);
 * - `sync-pull`: 100,000 case status changes pulled and applied at the station, changes/s (target ≥ 5,000);
 * - `upload-throughput`: a 20 MB set of attachments uploaded, MB/s;
 * - `upload-resume`: from reconnecting after a drop mid-file to central acknowledging the first resumed
 *   chunk, ms.
 */
export const syncSuite: Suite = {
  figures: ['sync-push-sqlite', 'sync-push-postgres', 'sync-pull', 'upload-throughput', 'upload-resume'],
  async run(report, wanted) {
    if (wanted.has('sync-push-sqlite') || wanted.has('sync-push-postgres')) await pushFigures(report, wanted);
    if (wanted.has('sync-pull')) await pullFigure(report);
    if (wanted.has('upload-throughput') || wanted.has('upload-resume')) await uploadFigures(report, wanted);
  },
};
