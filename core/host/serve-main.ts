import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnv, databasePath } from '../config';
import { createCore } from '../core';
import { startServe } from './serve';
import { KeyFileProtector, PassphraseProtector } from '../keys/protectors';
import { openStationKeys } from '../keys/station-keys';
import { ensurePrivateDir } from '../../db/files';
import { UpgradeProgress } from '../keys/upgrade-progress';

/**
 * `npm run serve`: the workstation in a browser. Same core, same UI, same API as the Electron app,
 * on 127.0.0.1 only. Data in YIBAO_DATA_DIR (default ~/.yibao-workstation).
 */
async function main(): Promise<void> {
  // Everything the program writes is the owner's only.
  process.umask(0o077);
  const config = configFromEnv();
  ensurePrivateDir(config.dataDir);
  // The data key is sealed by a key file kept outside the data directory (default), or by a station passphrase typed
  // into the browser at each start (YIBAO_KEY_MODE=passphrase): until then the store stays locked.
  const protector = config.keyMode === 'passphrase' ? new PassphraseProtector() : new KeyFileProtector(config.keyFile);
  const keys = await openStationKeys(config.dataDir, databasePath(config.dataDir), protector);
  // A new version's upgrade of the store runs before the page can be served: its progress goes to this console.
  const progress = new UpgradeProgress((line) => console.log(line));
  const core = createCore({ dataDir: config.dataDir, protector, keys, sync: { autoStart: true }, dailyBackups: true, onUpgradeStep: progress.step });
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir = process.env.YIBAO_RENDERER_DIR ?? join(here, '..', 'renderer');
  const handle = await startServe({ core, rendererDir, port: config.port });
  console.log(`乡镇医保窗口工作站 serve mode — data: ${config.dataDir}`);
  console.log(config.keyMode === 'keyfile' ? `Key file: ${config.keyFile}` : 'Key: station passphrase (entered in the browser)');
  if (core.ctx.security.lock) console.log(`数据库已锁定（${core.ctx.security.lock.code}）：${core.ctx.security.lock.message} 请在浏览器中解锁。`);
  console.log(`Open: ${handle.url}`);
  const stop = async () => {
    await handle.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
