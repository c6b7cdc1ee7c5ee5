import { base64ToBlob } from './files';

/**
 * Save a blob as a file: the browser's download, Electron's save dialog (a folder, a USB stick). The object URL is
 * kept a minute, long enough for a large file's save to start.
 */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Save bytes the core made (a template, an annotated sheet, an export) as a file. */
export function downloadBase64(fileName: string, mime: string, dataBase64: string): void {
  downloadBlob(fileName, base64ToBlob(mime, dataBase64));
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
