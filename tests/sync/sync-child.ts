import { writeSync } from 'node:fs';
import { createCore } from '../../core/core';
import { SyncEngine } from '../../core/features/sync/engine';
import { prng } from '../../core/testing/generate';
import { UPLOAD_OFFSET_HEADER } from '../../shared/sync/uploads';

/**
 * Child process of the SIGKILL sync test: opens an enrolled station store and syncs with central until the
 * outbox is empty, telling the parent on stdout what it is about to send, so the parent can kill it at a
 * chosen moment:
 *   ready | push <ops> | patch <uploadId> <offset> <bytes> | pack <bytes> | run <ok> <pending> | done
 *   node --import tsx tests/sync/sync-child.ts <dbPath> <seed>
 */
const [dbPath, seedArg] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: sync-child <dbPath> <seed>');
const say = (line: string) => writeSync(1, `${line}\n`);

const tracing: typeof fetch = (input, init) => {
  const url = String(input);
  const method = init?.method ?? 'GET';
  const headers = (init?.headers ?? {}) as Record<string, string>;
  if (method === 'PATCH') say(`patch ${url.split('/').pop()} ${headers[UPLOAD_OFFSET_HEADER]} ${(init?.body as Uint8Array).byteLength}`);
  if (method === 'POST' && url.includes('/v1/uploads/pack')) say(`pack ${(init?.body as Uint8Array).byteLength}`);
  if (method === 'POST' && url.endsWith('/v1/sync/push')) say(`push ${(JSON.parse(String(init?.body)) as { ops: unknown[] }).ops.length}`);
  return fetch(input, init);
};

const core = createCore({ dbPath, log: { error: () => undefined } });
const ctx = core.ctx;
const engine = new SyncEngine(ctx, { fetch: tracing, batchSize: 50, backoff: { baseMs: 5, maxMs: 50, attempts: 8, random: prng(Number(seedArg ?? 1)) }, requestTimeoutMs: 10_000 });
say('ready');
for (let run = 0; run < 100; run++) {
  const r = await engine.syncNow();
  const pending = ctx.repos.outbox.pendingCount();
  say(`run ${r.ok} ${pending}${r.ok ? '' : ` ${r.error ?? ''}`}`);
  if (r.ok && pending === 0) {
    say('done');
    core.close();
    process.exit(0);
  }
}
core.close();
process.exit(3);
