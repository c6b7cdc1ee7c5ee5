import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnv } from '../config';
import { createCore } from '../core';
import { startServe } from './serve';

/**
 * `npm run serve`: the workstation in a browser. Same core, same UI, same API as the Electron app,
 * on 127.0.0.1 only. Data in YIBAO_DATA_DIR (default ~/.yibao-workstation).
 */
async function main(): Promise<void> {
  const config = configFromEnv();
  const core = createCore({ dataDir: config.dataDir, sync: { autoStart: true } });
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir = process.env.YIBAO_RENDERER_DIR ?? join(here, '..', 'renderer');
  const handle = await startServe({ core, rendererDir, port: config.port });
  console.log(`乡镇医保窗口工作站 serve mode — data: ${config.dataDir}`);
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
