import { randomBytes } from 'node:crypto';
import { uploadBlob } from '../core/features/sync/uploads';
import { addAttachment } from '../core/features/attachments/attachments';
import type { CoreContext } from '../core/context';
import type { SessionUser } from '../shared/api/channels/auth';
import { CentralProcess } from './sync-central';
import { newStation, seedQueued } from './sync-station';
import { enroll } from './sync-link';
import { summarize, type Figure } from './harness';

/**
 * - `upload-throughput`: a set of 10 scans of 2 MB (20 MB) uploaded to central (SQLite, its own process) with
 *   the engine's resumable uploads; MB/s over the set, RUNS sets.
 * - `upload-resume`: a 6 MB scan whose 3rd chunk is cut mid-body (half sent, then the connection aborted: central
 *   sees a broken body); ms from the reconnect (the station asking again) until central acknowledges the first
 *   chunk after the cut — the cost of finding the offset and going on, RESUMES times.
 */
const FILES = 10;
const FILE_BYTES = 2 * 1024 * 1024;
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);
const RESUMES = 10;

function scan(bytes: number): Buffer {
  const b = randomBytes(bytes);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  return b;
}

function attach(ctx: CoreContext, user: SessionUser, caseId: string, bytes: number): string {
  const c = ctx.repos.cases.byId(caseId)!;
  return addAttachment(ctx, user, { caseId, version: c.version, fileName: '扫描件.jpg', mime: 'image/jpeg', dataBase64: scan(bytes).toString('base64') }).attachment.sha256;
}

/** fetch that cuts the n-th PATCH from now halfway through its body (`cutAfter`), else passes through. */
function cuttingFetch(): { fetch: typeof fetch; cutAfter: (n: number) => void } {
  let left = -1;
  const f: typeof fetch = (input, init) => {
    if (init?.method !== 'PATCH' || left < 0 || --left > 0) return fetch(input, init);
    left = -1;
    const body = init.body as Uint8Array;
    const ac = new AbortController();
    const stream = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(body.subarray(0, body.byteLength >> 1)) });
    setTimeout(() => ac.abort(new Error('link dropped')), 20);
    return fetch(input, { ...init, body: stream, signal: ac.signal, duplex: 'half' } as RequestInit);
  };
  return { fetch: f, cutAfter: (n) => (left = n) };
}

export async function uploadFigures(report: (f: Figure) => void, wanted: ReadonlySet<string>): Promise<void> {
  const s = await newStation('UPLD01');
  const central = await CentralProcess.start();
  try {
    const ctx = s.core.ctx;
    const [caseId] = seedQueued(s, 1);
    const cut = cuttingFetch();
    const link = await enroll(ctx, central.url, await central.issueCode('UPLD01'), cut.fetch);

    if (wanted.has('upload-throughput')) {
      const rates: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const shas = Array.from({ length: FILES }, () => attach(ctx, s.clerk, caseId!, FILE_BYTES));
        const t0 = performance.now();
        for (const sha of shas) await uploadBlob(ctx, link.http, sha);
        rates.push((FILES * FILE_BYTES) / 1024 / 1024 / ((performance.now() - t0) / 1000));
      }
      report(summarize('upload-throughput', rates, 'MB/s'));
    }

    if (wanted.has('upload-resume')) {
      const ms: number[] = [];
      for (let run = 0; run < RESUMES; run++) {
        const sha = attach(ctx, s.clerk, caseId!, 6 * 1024 * 1024);
        cut.cutAfter(3);
        let cutAt = -1;
        const dropped = await uploadBlob(ctx, link.http, sha, { onProgress: (p) => (cutAt = p.sent) }).then(
          () => false,
          () => true,
        );
        if (!dropped || cutAt <= 0) throw new Error('the upload was not cut mid-file');
        const t0 = performance.now();
        let t1 = 0;
        await uploadBlob(ctx, link.http, sha, {
          onProgress: (p) => {
            if (t1 === 0 && p.sent > cutAt) t1 = performance.now();
          },
        });
        ms.push(t1 - t0);
      }
      report(summarize('upload-resume', ms, 'ms'));
    }
  } finally {
    await central.stop();
    s.close();
  }
}
