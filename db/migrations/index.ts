import { sql as m0001 } from './0001_initial';
import { sql as m0002 } from './0002_case_estimates';
import { sql as m0003 } from './0003_case_central_state';
import { sql as m0004 } from './0004_queue_count_indexes';
import { sql as m0005 } from './0005_family_status_index';
import { sql as m0006 } from './0006_narrow_states_sync_meta';
import { sql as m0007 } from './0007_tuopin';
import { sql as m0008 } from './0008_access_accounts_audit';
import { sql as m0009 } from './0009_invoice_claims';
import { sql as m0012 } from './0012_attachment_damage';
import { sql as m0011trips } from './0011_trips_visits_batches';
import { sql as m0010front } from './0010_front_office';
import { sql as m0013 } from './0013_lean_write_path';
import { sql as m0014 } from './0014_insert_counts';

export interface Migration {
  /** The schema version after this migration (`PRAGMA user_version`). */
  version: number;
  name: string;
  sql: string;
  /**
   * The migration rebuilds a table others refer to (SQLite's 12-step table change): foreign keys are off while
   * the pending migrations run, and `PRAGMA foreign_key_check` must find nothing before the commit.
   */
  rebuildsTables?: boolean;
}

/** Every migration, in order. Append only: a released migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: m0001 },
  { version: 2, name: 'case estimates', sql: m0002 },
  { version: 3, name: 'case central state', sql: m0003 },
  { version: 4, name: 'queue count indexes', sql: m0004 },
  { version: 5, name: 'family status index', sql: m0005 },
  { version: 6, name: 'narrow case states, sync_meta', sql: m0006, rebuildsTables: true },
  { version: 7, name: 'tuopin', sql: m0007 },
  { version: 8, name: 'access, accounts, audit', sql: m0008 },
  { version: 9, name: 'invoice claims', sql: m0009 },
  { version: 10, name: 'front office', sql: m0010front },
  { version: 11, name: 'trips, visits, batches', sql: m0011trips },
  { version: 12, name: 'attachment damage', sql: m0012 },
  { version: 13, name: 'lean write path', sql: m0013 },
  { version: 14, name: 'insert counts', sql: m0014 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
