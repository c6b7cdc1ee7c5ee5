import { base64ToBlob } from './files';

/** Save bytes the core made (a template, an annotated sheet) as a file: the browser's download, Electron's save dialog. */
export function downloadBase64(fileName: string, mime: string, dataBase64: string): void {
  const url = URL.createObjectURL(base64ToBlob(mime, dataBase64));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
