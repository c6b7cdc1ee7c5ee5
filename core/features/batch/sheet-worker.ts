import { parentPort } from 'node:worker_threads';
import { annotatedWorkbook, readSheet, templateWorkbook } from './sheet';
import { ROWS_PER_MESSAGE, type SheetReply, type SheetRequest } from './sheet-messages';

/**
 * The spreadsheet thread (sheet-thread.ts starts it): exceljs reads a list, writes a template or the annotated
 * copy here, not on the core's thread, where a 10,000-row list held the window for a quarter of a second to read
 * and most of a second to annotate. A list's rows go back in parts, so no one message takes long to receive.
 */
const port = parentPort!;

function reply(m: SheetReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(m, transfer);
}

/** A workbook's bytes in a buffer of their own (exceljs's may share a pooled one), transferred, not cloned. */
function bytesReply(id: number, b: Buffer): void {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  reply({ id, kind: 'bytes', bytes: copy }, [copy.buffer]);
}

async function handle(req: SheetRequest): Promise<void> {
  switch (req.op) {
    case 'read': {
      const { kind, rows } = await readSheet(req.bytes);
      for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) reply({ id: req.id, kind: 'rows', rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
      reply({ id: req.id, kind: 'read', sheetKind: kind, total: rows.length });
      return;
    }
    case 'template':
      bytesReply(req.id, await templateWorkbook(req.item, req.columns, req.rows));
      return;
    case 'annotate':
      bytesReply(req.id, await annotatedWorkbook(req.bytes, new Map(req.index), req.issues));
      return;
  }
}

port.on('message', (req: SheetRequest) => {
  handle(req).catch((e: unknown) => reply({ id: req.id, kind: 'error', message: e instanceof Error ? e.message : String(e) }));
});
reply({ id: 0, kind: 'ready' });
