import { utilityProcess, MessageChannelMain, type UtilityProcess, type WebContents } from 'electron';
import { answerSafeStorage } from './keys';

/**
 * The core runs in a utility process (plain Node). Each window gets its own MessagePort to it; main only
 * passes ports and never sees the traffic.
 */
export class CoreProcess {
  private readonly child: UtilityProcess;
  private readonly ready: Promise<void>;

  /**
   * `onProgress`: the lines of a new version's upgrade of the store (core/keys/upgrade-progress.ts), which runs
   * before the core is ready.
   */
  constructor(entry: string, dataDir: string, sqliteBinding: string | null, onProgress: (message: string) => void = () => undefined) {
    this.child = utilityProcess.fork(entry, [], {
      serviceName: 'workstation-core',
      env: { ...process.env, YIBAO_DATA_DIR: dataDir, ...(sqliteBinding ? { YIBAO_SQLITE_BINDING: sqliteBinding } : {}) },
      stdio: 'inherit',
    });
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (m: { type?: string; message?: string }) => {
        if (answerSafeStorage(this.child, m)) return;
        if (m?.type === 'progress' && typeof m.message === 'string') onProgress(m.message);
        if (m?.type === 'ready') resolve();
        if (m?.type === 'fatal') reject(new Error(m.message ?? 'core failed to start'));
      });
      this.child.on('exit', (code) => reject(new Error(`core exited with code ${code}`)));
    });
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  /** A fresh channel: one end to the core, the other to the window's preload. */
  connect(contents: WebContents): void {
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'connect' }, [port1]);
    contents.postMessage('workstation:port', null, [port2]);
  }

  stop(): void {
    this.child.kill();
  }
}
