import { configFromEnv, databasePath } from './config';
import { createCore } from './core';
import { serveParent, type ParentPortLike } from './host/port-server';
import { parentSafeStorage } from './host/safe-storage-bridge';
import { SafeStorageProtector } from './keys/protectors';
import { openStationKeys } from './keys/station-keys';
import { ensurePrivateDir } from '../db/files';
import { UpgradeProgress } from './keys/upgrade-progress';

/**
 * Entry of the core when Electron runs it as a utilityProcess: plain Node, no 'electron' import. The
 * data directory comes from the environment main sets (YIBAO_DATA_DIR = Electron's userData folder). The data key is
 * sealed with the operating system's key store through safeStorage, which main answers for (electron/main/keys.ts).
 */
const parent = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parent) {
  console.error('core/electron-entry must run as an Electron utility process');
  process.exit(1);
}

async function main(port: ParentPortLike): Promise<void> {
  process.umask(0o077);
  const config = configFromEnv();
  ensurePrivateDir(config.dataDir);
  const protector = new SafeStorageProtector(parentSafeStorage(port));
  const keys = await openStationKeys(config.dataDir, databasePath(config.dataDir), protector);
  // A new version's upgrade of the store runs before the window can open: main shows its progress meanwhile.
  const progress = new UpgradeProgress((message) => port.postMessage({ type: 'progress', message }));
  const core = createCore({ dataDir: config.dataDir, sqliteBinding: config.sqliteBinding, protector, keys, sync: { autoStart: true }, dailyBackups: true, onUpgradeStep: progress.step });
  serveParent(core, port);
  process.on('exit', () => core.close());
}

main(parent).catch((e: unknown) => {
  parent.postMessage({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
  process.exit(1);
});
