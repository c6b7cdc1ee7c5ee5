import ExcelJS from 'exceljs';

/** One cell of an export: text or a number (null: empty). */
export type Cell = string | number | null;

/**
 * The audit export as an xlsx workbook, with exceljs — the project's one spreadsheet library (the front office's
 * daily and monthly reports use it too): maintained, writes what Excel and WPS open, and needs no native code.
 */
export async function xlsxWorkbook(sheetName: string, rows: readonly (readonly Cell[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  for (const r of rows) ws.addRow([...r]);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same rows as CSV for Excel: UTF-8 with a BOM, CRLF, quoted where needed, no cell read as a formula. */
export function csv(rows: readonly (readonly Cell[])[]): Buffer {
  const field = (cell: Cell): string => {
    if (cell === null) return '';
    let s = String(cell);
    if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return Buffer.from(`\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`, 'utf8');
}
