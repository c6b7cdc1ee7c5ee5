import type { CoreContext } from '../../context';
import { encodePack, type PackEntry } from '../../../shared/sync/upload-pack';
import { SyncFailure, type SyncHttp } from './http';
import type { LinkPace } from './link-pace';
import { withRetry } from './retry';
import { provenBytes, uploadBlob, type UploadBlobOptions, type UploadOutcome } from './uploads';

export interface PackOptions extends UploadBlobOptions {
  /** Measures each pack request that succeeds (it sizes the next packs). */
  pace: LinkPace;
}

/**
 * Upload several small attachments in one request (protocol 1.5, shared/sync/upload-pack.ts). Each one's bytes are
 * read whole and proven first, as for a single upload: bytes that cannot be are marked damaged on their cases and
 * left out. The pack is retried as one request (central stores nothing twice). A blob central answers
 * `checksum-mismatch` for — it hashes right here — goes up on its own (uploadBlob: counted as a round without
 * progress); a pack refused as too large (413: a proxy on the way takes less than central) lowers the pace's
 * ceiling and goes again in halves. Blobs already stored or damaged, or unknown here, take uploadBlob's way.
 */
export async function uploadPacked(ctx: CoreContext, http: SyncHttp, shas: readonly string[], o: PackOptions): Promise<Map<string, UploadOutcome>> {
  const out = new Map<string, UploadOutcome>();
  const single = async (sha: string) => out.set(sha, await uploadBlob(ctx, http, sha, o));
  const items: Item[] = [];
  for (const sha of shas) {
    const a = ctx.repos.attachments.bySha256(sha);
    if (!a || a.uploadState === 'stored' || a.damaged !== null) {
      await single(sha);
      continue;
    }
    const bytes = provenBytes(ctx, a);
    if (bytes) items.push({ entry: { sha256: a.sha256, size: a.size, mime: a.mime as PackEntry['mime'] }, bytes });
    else out.set(sha, 'damaged');
  }
  if (items.length === 0) return out;
  await sendPack(ctx, http, items, o, out, single);
  return out;
}

type Item = { entry: PackEntry; bytes: Uint8Array };

/**
 * One pack, retried as one request. Refused as too large on the way (413: a proxy that takes less than central):
 * the pace keeps below that size from now on, and the pack goes again as two halves (a blob alone: on its own, in
 * chunks).
 */
async function sendPack(ctx: CoreContext, http: SyncHttp, items: readonly Item[], o: PackOptions, out: Map<string, UploadOutcome>, single: (sha: string) => Promise<unknown>): Promise<void> {
  const body = encodePack(items);
  const send = async () => {
    const t0 = performance.now();
    const r = await http.uploadPack(body);
    o.pace.record(body.byteLength, performance.now() - t0);
    return r;
  };
  let results;
  try {
    results = o.retry ? await withRetry(o.retry, send) : await send();
  } catch (e) {
    if (!(e instanceof SyncFailure && e.status === 413)) throw e;
    o.pace.tooLarge(body.byteLength);
    if (items.length === 1) {
      await single(items[0]!.entry.sha256);
      return;
    }
    const half = Math.ceil(items.length / 2);
    await sendPack(ctx, http, items.slice(0, half), o, out, single);
    await sendPack(ctx, http, items.slice(half), o, out, single);
    return;
  }
  const answered = results.results;
  if (answered.length !== items.length || answered.some((r, i) => r.sha256 !== items[i]!.entry.sha256)) {
    throw new SyncFailure('protocol', `中心对上传包的答复与所发附件不符（发出 ${items.length} 个，答复 ${answered.length} 个）`, true);
  }
  for (const [i, r] of answered.entries()) {
    const { sha256, size } = items[i]!.entry;
    if (r.status === 'stored') {
      ctx.repos.attachments.setUploadState(sha256, 'stored', size);
      o.onProgress?.({ sha256, sent: size, size });
      out.set(sha256, 'stored');
    } else {
      await single(sha256);
    }
  }
}
