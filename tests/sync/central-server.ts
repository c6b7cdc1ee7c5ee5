import type { CentralConfig } from '../../central/config';
import { sqliteBackend } from '../../central/testing/backends';
import { CentralHost } from './central-host';

/** The reference central server as deployed by default: on embedded SQLite (a CentralHost over that backend). */
export type CentralServer = CentralHost;
export const CentralServer = {
  start: (overrides: Partial<CentralConfig> = {}): Promise<CentralServer> => CentralHost.start(sqliteBackend, overrides),
};
