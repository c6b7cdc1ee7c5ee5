import { configFromEnv } from './config';
import { createCore } from './core';
import { serveParent, type ParentPortLike } from './host/port-server';

/**
 * Entry of the core when Electron runs it as a utilityProcess: plain Node, no 'electron' import. The
 * data directory comes from the environment main sets (YIBAO_DATA_DIR = Electron's userData folder).
 */
const parent = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parent) {
  console.error('core/electron-entry must run as an Electron utility process');
  process.exit(1);
}
try {
  const config = configFromEnv();
  const core = createCore({ dataDir: config.dataDir, sqliteBinding: config.sqliteBinding, sync: { autoStart: true } });
  serveParent(core, parent);
  process.on('exit', () => core.close());
} catch (e) {
  parent.postMessage({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
  process.exit(1);
}
