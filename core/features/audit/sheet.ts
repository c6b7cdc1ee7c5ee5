import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { aTurnForTheWindow } from '../../turn';

/** One cell of an export: text or a number (null: empty). */
export type Cell = string | number | null;

/** Rows written between two turns of the window (a long export leaves the core's thread this often). */
const ROWS_PER_TURN = 250;

/**
 * The audit export as an xlsx workbook, with exceljs — the project's one spreadsheet library (the front office's
 * daily and monthly reports use it too): maintained, writes what Excel and WPS open, and needs no native code. Its
 * streaming writer commits rows as they come, ROWS_PER_TURN at a time with a turn for the window between: a
 * 100,000-row log takes seconds to write, and the window's 受理 must not wait for all of them.
 */
export async function xlsxWorkbook(sheetName: string, rows: readonly (readonly Cell[])[]): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.created = new Date(0);
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  for (let i = 0; i < rows.length; i++) {
    const row = ws.addRow([...rows[i]!]);
    if (i === 0) row.font = { bold: true };
    row.commit();
    if ((i + 1) % ROWS_PER_TURN === 0) await aTurnForTheWindow();
  }
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(parts);
}

/**
 * The same rows as CSV for Excel: UTF-8 with a BOM, CRLF, quoted where needed, no cell read as a formula. Written
 * in parts, with a turn for the window between them.
 */
export async function csv(rows: readonly (readonly Cell[])[]): Promise<Buffer> {
  const field = (cell: Cell): string => {
    if (cell === null) return '';
    let s = String(cell);
    if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const parts: Buffer[] = [Buffer.from('\uFEFF', 'utf8')];
  for (let i = 0; i < rows.length; i += ROWS_PER_TURN) {
    parts.push(Buffer.from(`${rows.slice(i, i + ROWS_PER_TURN).map((r) => `${r.map(field).join(',')}\r\n`).join('')}`, 'utf8'));
    await aTurnForTheWindow();
  }
  return Buffer.concat(parts);
}
