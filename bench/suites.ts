import type { Suite } from './harness';
import { batchImport } from './batch-import';
import { storeSuite } from './store';
import { rulesEstimate } from './rules-estimate';
import { uiQueueFirstPaint } from './ui-queue-first-paint';
import { syncSuite } from './sync';
import { syncFleetSuite } from './sync-fleet';
import { encryptionOverhead } from './encryption';
import { auditVerify } from './audit';
import { frontSuite } from './front';

/** Every benchmark suite, in the order `npm run bench` runs them. */
export const SUITES: readonly Suite[] = [
  storeSuite,
  encryptionOverhead,
  auditVerify,
  rulesEstimate,
  uiQueueFirstPaint,
  syncSuite,
  syncFleetSuite,
  frontSuite,
  batchImport,
];
