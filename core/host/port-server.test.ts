import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createTestStation, TEST_PASSWORD, type TestStation } from '../testing/fixtures';
import { servePort, type PortLike } from './port-server';

/** Node's MessagePort delivers `data` directly; Electron's MessagePortMain wraps it in `{data}`. Adapt. */
function electronLike(p: MessagePort): PortLike {
  return {
    on: ((event: 'message' | 'close', l: (e?: { data: unknown }) => void) => {
      if (event === 'message') p.on('message', (data: unknown) => l({ data }));
      else p.on('close', () => l());
      return p;
    }) as PortLike['on'],
    postMessage: (m) => p.postMessage(m),
    start: () => p.start(),
  };
}

let st: TestStation;
afterEach(() => st.cleanup());

describe('Electron transport (core side)', () => {
  it('gives each window port its own session, answers requests by id, and forwards events', async () => {
    st = await createTestStation();
    await st.as('clerk');
    const a = new MessageChannel();
    const b = new MessageChannel();
    servePort(st.core, electronLike(a.port1));
    servePort(st.core, electronLike(b.port1));
    const replies = (port: MessagePort) => {
      const got: unknown[] = [];
      port.on('message', (m) => got.push(m));
      return got;
    };
    const gotA = replies(a.port2);
    const gotB = replies(b.port2);
    const wait = async (got: unknown[], pred: (m: unknown) => boolean) => {
      for (let i = 0; i < 200 && !got.some(pred); i++) await new Promise((r) => setTimeout(r, 10));
      return got.find(pred) as { id: number; result: { ok: boolean; value?: unknown; error?: { code: string } } } | undefined;
    };
    a.port2.postMessage({ id: 1, channel: 'auth.signIn', input: { username: 'clerk1', password: TEST_PASSWORD } });
    expect((await wait(gotA, (m) => (m as { id?: number }).id === 1))?.result.ok).toBe(true);
    a.port2.postMessage({ id: 2, channel: 'queue.counts', input: {} });
    b.port2.postMessage({ id: 2, channel: 'queue.counts', input: {} });
    expect((await wait(gotA, (m) => (m as { id?: number }).id === 2))?.result.ok).toBe(true);
    expect((await wait(gotB, (m) => (m as { id?: number }).id === 2))?.result.error?.code).toBe('not_signed_in');
    st.core.ctx.events.emit('cases.changed', { caseIds: ['x'] });
    expect(await wait(gotB, (m) => (m as { event?: string }).event === 'cases.changed')).toBeTruthy();
    a.port2.postMessage('garbage');
    expect((await wait(gotA, (m) => (m as { id?: unknown }).id === null))?.result.error?.code).toBe('invalid_input');
    a.port1.close();
    b.port1.close();
  });
});
