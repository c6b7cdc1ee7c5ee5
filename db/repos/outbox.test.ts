import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../open';
import { OutboxRepo } from './outbox';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function outbox(): OutboxRepo {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-outbox-'));
  dirs.push(dir);
  return new OutboxRepo(openStore(join(dir, 'station.sqlite')));
}

describe('outbox', () => {
  it('hands pending ops after a seq to the push in order, with each payload as the JSON it was stored as', () => {
    const o = outbox();
    const payloads = [{ case: { id: 'a', form: { name: '王秀英' } }, event: 'accept' }, { person: { id: 'p' } }, { n: 3 }, { n: 4 }];
    const seqs = payloads.map((payload, i) =>
      o.append({ opId: `op-${i}`, kind: i === 1 ? 'person.registered' : 'case.accept', caseId: null, payload, baseVersion: i === 0 ? null : i, createdAt: '2026-11-24T09:00:00.000+08:00' }),
    );
    o.markDone(seqs[2]!, 'applied', null, null, '2026-11-24T09:01:00.000+08:00');

    const all = o.pendingAfter(0, 10);
    expect(all.map((op) => op.seq)).toEqual([seqs[0], seqs[1], seqs[3]]);
    expect(all.map((op) => JSON.parse(op.payloadJson))).toEqual([payloads[0], payloads[1], payloads[3]]);
    expect(all[0]).toMatchObject({ opId: 'op-0', kind: 'case.accept', caseId: null, baseVersion: null, createdAt: '2026-11-24T09:00:00.000+08:00' });
    expect(o.pendingAfter(seqs[0]!, 1).map((op) => op.seq)).toEqual([seqs[1]]);
    expect(o.pendingAfter(seqs[3]!, 10)).toEqual([]);
  });
});
