import type { ApiResult } from '../../../shared/api/errors';

/**
 * What the Electron preload exposes (electron/preload/preload.ts). Absent in a plain browser (serve mode).
 * `print` and `savePdf` are the shell's print/PDF API; without them the renderer falls back to window.print().
 */
export interface WorkstationBridge {
  invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
  on(event: string, handler: (data: unknown) => void): () => void;
  /** Print the page through the shell (the print stylesheet shapes it); false when cancelled or failed. */
  print?: () => Promise<boolean>;
  /** Save the page as a PDF where the clerk chooses; the path, or null when cancelled. */
  savePdf?: (suggestedName: string) => Promise<string | null>;
}

declare global {
  interface Window {
    workstation?: WorkstationBridge;
  }
}
