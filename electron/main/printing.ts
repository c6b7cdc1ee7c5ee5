import { dialog, type BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';

/** Print the page (the renderer's print stylesheet shapes the receipt). */
export function printPage(win: BrowserWindow): Promise<boolean> {
  return new Promise((resolve) => win.webContents.print({ silent: false, printBackground: true }, (ok) => resolve(ok)));
}

/** Save the page as PDF where the clerk chooses; returns the path or null when cancelled. */
export async function savePdf(win: BrowserWindow, suggestedName: string): Promise<string | null> {
  const safe = suggestedName.replace(/[\\/:*?"<>|]/g, '_').slice(0, 100) || '回执';
  const { canceled, filePath } = await dialog.showSaveDialog(win, {
    title: '另存为 PDF',
    defaultPath: `${safe}.pdf`,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (canceled || !filePath) return null;
  const pdf = await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  await writeFile(filePath, pdf);
  return filePath;
}
