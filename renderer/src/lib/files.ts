import { ATTACHMENT_MIME_TYPES, MAX_ATTACHMENT_BYTES } from '../../../shared/api/channels/attachments';

export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

export interface PreparedFile {
  fileName: string;
  mime: AttachmentMime;
  dataBase64: string;
  size: number;
}

export type PrepareResult = { ok: true; file: PreparedFile } | { ok: false; reason: 'type' | 'size' | 'read' };

const MAX_EDGE = 2400;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

async function recompress(file: File): Promise<Blob | null> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    return await new Promise((resolve) => canvas.toBlob((b) => resolve(b), 'image/jpeg', 0.85));
  } catch {
    return null;
  }
}

/**
 * A scan or camera photo ready for `attachments.add`: JPEG/PNG/WebP/PDF as they are; other images (or
 * photos over the size limit) re-encoded as JPEG of at most 2400 px on the long edge.
 */
export async function prepareFile(file: File): Promise<PrepareResult> {
  const accepted = (ATTACHMENT_MIME_TYPES as readonly string[]).includes(file.type);
  let blob: Blob = file;
  let mime = file.type as AttachmentMime;
  let name = file.name || 'scan';
  if (!accepted || file.size > MAX_ATTACHMENT_BYTES) {
    if (!file.type.startsWith('image/')) return { ok: false, reason: accepted ? 'size' : 'type' };
    const jpeg = await recompress(file);
    if (!jpeg) return { ok: false, reason: 'type' };
    blob = jpeg;
    mime = 'image/jpeg';
    name = name.replace(/\.[^.]*$/, '') + '.jpg';
  }
  if (blob.size > MAX_ATTACHMENT_BYTES) return { ok: false, reason: 'size' };
  try {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    return { ok: true, file: { fileName: name.slice(0, 200), mime, dataBase64: toBase64(bytes), size: bytes.length } };
  } catch {
    return { ok: false, reason: 'read' };
  }
}

export function dataUrl(mime: string, base64: string): string {
  return `data:${mime};base64,${base64}`;
}

export function base64ToBlob(mime: string, base64: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
