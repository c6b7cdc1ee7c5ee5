import type { ApiResult } from './errors';

/**
 * What the Electron preload exposes to the UI as `window.workstation` (electron/preload/preload.ts checks
 * itself against this with `satisfies`). Absent in a plain browser (serve mode, which speaks HTTP instead).
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
