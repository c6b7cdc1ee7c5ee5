import type { ApiResult } from '../../../shared/api/errors';

/**
 * What the Electron preload exposes (electron/preload). Absent in a plain browser (serve mode).
 * `print` is the seam for the shell's print/PDF API; until it exists the renderer falls back to window.print().
 */
export interface WorkstationBridge {
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  on(event: string, handler: (data: unknown) => void): () => void;
  print?: () => Promise<void> | void;
}

declare global {
  interface Window {
    workstation?: WorkstationBridge;
  }
}
