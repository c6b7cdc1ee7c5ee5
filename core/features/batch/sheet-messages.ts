import type { CatalogItem } from '../../../shared/catalog/types';
import type { BatchColumn, RawCell, RowIssue } from '../../../shared/batch/rows';
import type { SheetKind } from './sheet';

/** What the core asks of the spreadsheet thread (sheet-worker.ts) and what it answers: one id per request. */
export type SheetRequest =
  | { id: number; op: 'read'; bytes: Uint8Array }
  | { id: number; op: 'template'; item: Pick<CatalogItem, 'code' | 'name'>; columns: BatchColumn[]; rows?: number }
  | { id: number; op: 'annotate'; bytes: Uint8Array; index: [string, number][]; issues: RowIssue[] };

export type SheetReply =
  /** Sent once, when the thread has loaded exceljs (id 0). */
  | { id: 0; kind: 'ready' }
  | { id: number; kind: 'rows'; rows: RawCell[][] }
  | { id: number; kind: 'read'; sheetKind: SheetKind; total: number }
  | { id: number; kind: 'bytes'; bytes: Uint8Array }
  | { id: number; kind: 'error'; message: string };

/** A read list's rows come back in parts of this many (each part a short task for the core's thread to receive). */
export const ROWS_PER_MESSAGE = 1_000;
