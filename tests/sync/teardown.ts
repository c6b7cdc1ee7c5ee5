import { afterEach } from 'vitest';
import type { CentralHost } from './central-host';
import type { FaultyProxy } from './faulty-proxy';
import type { KitStation } from './workload';

/** What a sync test starts: central, the faulty proxy in front of it, the station (each may be absent). */
export interface Started {
  central?: CentralHost | undefined;
  proxy?: FaultyProxy | undefined;
  k?: KitStation | undefined;
}

/** After each test, remove the station's files and stop the proxy and central that `started` answers. */
export function stopAfterEach(started: () => Started): void {
  afterEach(async () => {
    const { central, proxy, k } = started();
    k?.st.cleanup();
    await proxy?.stop();
    await central?.stop();
  });
}
