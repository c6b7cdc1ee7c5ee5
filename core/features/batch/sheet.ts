import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CatalogItem } from '../../../shared/catalog/types';
import type { BatchColumn, RawCell, RowIssue } from '../../../shared/batch/rows';

/**
 * Spreadsheets of the batch import, read and written with exceljs: the .xlsx template of an item (header row,
 * columns formatted as text where a number would be mangled, drop-down lists for options, a sheet of notes), a
 * filled list (.xlsx, or .csv in UTF-8 or the GB18030 that Excel writes on Chinese Windows), and the annotated copy
 * with each problem marked in its cell and row.
 *
 * Why exceljs (not SheetJS): it reads and writes .xlsx and .csv with one API, including what the template and the
 * annotated sheet need (data validation, fills, cell notes), is published on npm and maintained there (SheetJS's
 * npm package stopped at 0.18.5 with known advisories; newer builds are only on its own CDN), and is MIT-licensed.
 * The audit export (core/features/audit/xlsx.ts) writes a plain one-sheet workbook by hand; reading arbitrary
 * workbooks is not a page of code, so this feature uses the library.
 */

export type SheetKind = 'xlsx' | 'csv';

/** The file's kind: a zip (PK…) is a workbook; anything else is read as CSV. */
export function sheetKind(bytes: Uint8Array): SheetKind {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? 'xlsx' : 'csv';
}

/** CSV text: UTF-8 (with or without BOM), else GB18030 (Excel's "CSV" on Chinese Windows). */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

type ExcelValue = ExcelJS.CellValue;

function rawOf(v: ExcelValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return rawOf(v.result as ExcelValue);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return String(v);
}

/** The first sheet's rows as raw cells (index 0 = column A); rows with nothing in them are kept (as []) for numbering. */
export async function readSheet(bytes: Uint8Array): Promise<{ kind: SheetKind; rows: RawCell[][] }> {
  const kind = sheetKind(bytes);
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet | undefined;
  if (kind === 'xlsx') {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
    ws = wb.worksheets[0];
  } else {
    // Keep every cell as text: an 18-digit ID number read as a number loses its last digits.
    ws = await wb.csv.read(Readable.from([decodeCsv(bytes)]), { map: (v: unknown) => v });
  }
  const rows: RawCell[][] = [];
  if (!ws) return { kind, rows };
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as ExcelValue[];
    const cells: RawCell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(rawOf(values[i]));
    rows[n - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { kind, rows };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD7D5' } };

/** Which columns a spreadsheet would mangle unless they are text (ID numbers, phones, region codes, codes). */
function isTextColumn(c: BatchColumn): boolean {
  if (c.field === null) return true;
  return ['idNumber', 'phone', 'regionCode', 'creditCode', 'bankAccount', 'text', 'personName'].includes(c.field.type);
}

/** The .xlsx template of an item: the list sheet with its header and drop-downs, and a sheet of notes. */
export async function templateWorkbook(item: Pick<CatalogItem, 'code' | 'name'>, columns: readonly BatchColumn[], rows = 1000): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '乡镇医保窗口工作站';
  const ws = wb.addWorksheet('名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(12, c.header.length * 2 + 4), style: isTextColumn(c) ? { numFmt: '@' } : {} }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = HEADER_FILL;
    cell.note = c.hint;
    if (c.required) cell.value = `${c.header}*`;
  });
  columns.forEach((c, i) => {
    const f = c.field;
    if (!f || (f.type !== 'enum' && f.type !== 'boolean')) return;
    const options = f.type === 'boolean' ? ['是', '否'] : f.options.map((o) => o.label['zh-CN']);
    const list = `"${options.join(',')}"`;
    // Excel's inline lists hold at most 255 characters; longer ones stay free text (checked on import).
    if (list.length > 255) return;
    const col = ws.getColumn(i + 1).letter;
    for (let r = 2; r <= rows + 1; r++) {
      ws.getCell(`${col}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [list], showErrorMessage: true, errorTitle: '请从列表中选择', error: `可选：${options.join('、')}` };
    }
  });
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', key: 'header', width: 28 },
    { header: '填写要求', key: 'hint', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  notes.addRow({ header: '事项', hint: item.name['zh-CN'] });
  notes.addRow({ header: '说明', hint: '第一行是表头，请勿修改；每行一人；带 * 的列必填。导入前会逐行校验，有错误的行会列出原因。' });
  for (const c of columns) notes.addRow({ header: c.header, hint: c.hint });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The list back as .xlsx with its problems marked: each bad cell filled and noted with its reason, and a last column
 * 「错误原因」 on each bad row. A workbook keeps its formatting (it is the helper's file, corrected in place);
 * a CSV becomes a workbook of its rows.
 */
export async function annotatedWorkbook(bytes: Uint8Array, index: ReadonlyMap<string, number>, issues: readonly RowIssue[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet;
  if (sheetKind(bytes) === 'xlsx') {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
    ws = wb.worksheets[0] ?? wb.addWorksheet('名单');
  } else {
    ws = wb.addWorksheet('名单');
    const { rows } = await readSheet(bytes);
    rows.forEach((r, i) => {
      const row = ws.getRow(i + 1);
      r.forEach((v, j) => {
        const cell = row.getCell(j + 1);
        cell.numFmt = '@';
        cell.value = v === null ? null : v instanceof Date ? v : String(v);
      });
    });
  }
  // The reason goes after the last cell with a value in any row (as readSheet reads the rows).
  let width = 1;
  ws.eachRow({ includeEmpty: true }, (row) => {
    width = Math.max(width, (row.values as unknown[]).length - 1);
  });
  const reasonCol = width + 1;
  const head = ws.getRow(1).getCell(reasonCol);
  head.value = '错误原因';
  head.font = { bold: true, color: { argb: 'FFC00000' } };
  const byRow = new Map<number, RowIssue[]>();
  for (const i of issues) byRow.set(i.row, [...(byRow.get(i.row) ?? []), i]);
  for (const [r, list] of byRow) {
    const row = ws.getRow(r);
    row.getCell(reasonCol).value = list.map((i) => (i.header ? `「${i.header}」${i.message}` : i.message)).join('；');
    row.getCell(reasonCol).font = { color: { argb: 'FFC00000' } };
    for (const i of list) {
      const c = i.column === null ? undefined : index.get(i.column);
      if (c === undefined) continue;
      const cell = row.getCell(c + 1);
      cell.fill = ERROR_FILL;
      cell.note = i.message;
    }
  }
  ws.getColumn(reasonCol).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
