import { readBundleHeader, type BundleHeader } from '../../../../shared/sync/bundle';
import { downloadBlob } from '../../lib/download';

/** The file type of a 离线数据包 (what the download and the save dialog are told). */
export const BUNDLE_MIME = 'application/vnd.yibao.bundle';
/** Pieces in which a large exported bundle is read back from the core. */
export const READ_CHUNK = 4 * 1024 * 1024;

/**
 * Read an exported bundle back from the core in pieces (the core wrote it to its data folder; a large one does not
 * travel in one answer), reporting bytes read so far. `read` is the `sync.readBundle` call.
 */
export async function readInPieces(
  size: number,
  read: (offset: number, length: number) => Promise<{ dataBase64: string; size: number }>,
  onProgress: (done: number, total: number) => void,
  chunk = READ_CHUNK,
): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  let done = 0;
  let total = size;
  while (done < total) {
    const r = await read(done, Math.min(chunk, total - done));
    total = r.size;
    const bytes = fromBase64(r.dataBase64);
    if (bytes.length === 0) throw new Error('离线数据包文件读取不完整，请重新导出');
    parts.push(bytes);
    done += bytes.length;
    onProgress(done, total);
  }
  return parts;
}

export function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

/** What a chosen file says about itself before it is handed on (its header is in clear; its content is not). */
export type ChosenBundle = { ok: true; header: BundleHeader; bytes: Uint8Array } | { ok: false; message: string };

export function inspectBundle(bytes: Uint8Array): ChosenBundle {
  const r = readBundleHeader(bytes);
  if ('error' in r) return { ok: false, message: r.error };
  return { ok: true, header: r.header, bytes };
}

/** Save bytes as a file: the browser downloads it; Electron asks where (its save dialog: a folder, a USB stick). */
export function saveFile(fileName: string, parts: Uint8Array[]): void {
  downloadBlob(fileName, new Blob(parts as BlobPart[], { type: BUNDLE_MIME }));
}

/** The per-op results, counted by what happened (for the summary line). */
export function tally(results: readonly { status: 'applied' | 'duplicate' | 'rejected' }[]): Record<'applied' | 'duplicate' | 'rejected', number> {
  const out = { applied: 0, duplicate: 0, rejected: 0 };
  for (const r of results) out[r.status] += 1;
  return out;
}
