import type { CoreContext } from '../../context';
import type { AttachmentRow } from '../../../db/repos/attachments';
import { SyncFailure, type SyncHttp } from './http';

export interface UploadProgress {
  sha256: string;
  sent: number;
  size: number;
}

/**
 * Upload one blob, resumably: create (or find) the upload, then PATCH chunks from central's offset. After a
 * drop, the next call asks central again and continues where it stopped. Central checks the sha256 at the end.
 * An upload central no longer knows (404: a repeated last chunk already completed it, or it was voided) is
 * asked for again: central then says it holds the bytes, or opens a new upload.
 */
export async function uploadBlob(ctx: CoreContext, http: SyncHttp, sha256: string, onProgress?: (p: UploadProgress) => void): Promise<void> {
  const a = ctx.repos.attachments.bySha256(sha256);
  if (!a) throw new SyncFailure('protocol', `中心要求的附件（${sha256.slice(0, 12)}…）本站没有`, false);
  if (a.uploadState === 'stored') return;
  for (let attempt = 1; ; attempt++) {
    try {
      await uploadOnce(ctx, http, a, onProgress);
      return;
    } catch (e) {
      if (attempt < 3 && e instanceof SyncFailure && e.status === 404 && e.body?.code === 'not-found') continue;
      throw e;
    }
  }
}

async function uploadOnce(ctx: CoreContext, http: SyncHttp, a: AttachmentRow, onProgress?: (p: UploadProgress) => void): Promise<void> {
  const { sha256 } = a;
  const created = await http.uploadCreate(a.sha256, a.size, a.mime);
  if (created.complete) {
    ctx.repos.attachments.setUploadState(sha256, 'stored', a.size);
    return;
  }
  let offset = created.offset;
  const chunkMax = Math.max(1, Math.min(created.chunkMax, 1024 * 1024));
  ctx.repos.attachments.setUploadState(sha256, 'uploading', offset);
  while (offset < a.size) {
    const chunk = ctx.blobs.readChunk(a.localPath, offset, Math.min(chunkMax, a.size - offset));
    try {
      const r = await http.uploadChunk(created.uploadId, offset, chunk);
      offset = r.offset;
      if (r.complete) break;
    } catch (e) {
      if (e instanceof SyncFailure && e.body?.code === 'offset-mismatch' && e.body.offset !== undefined) {
        offset = e.body.offset;
        continue;
      }
      if (e instanceof SyncFailure && e.body?.code === 'checksum-mismatch') {
        ctx.repos.attachments.setUploadState(sha256, 'pending', 0);
        throw new SyncFailure('protocol', `附件校验失败（${a.fileName}），文件可能已损坏，将重新上传`, true);
      }
      ctx.repos.attachments.setUploadState(sha256, 'uploading', offset);
      throw e;
    }
    ctx.repos.attachments.setUploadState(sha256, 'uploading', offset);
    onProgress?.({ sha256, sent: offset, size: a.size });
  }
  ctx.repos.attachments.setUploadState(sha256, 'stored', a.size);
  onProgress?.({ sha256, sent: a.size, size: a.size });
}
