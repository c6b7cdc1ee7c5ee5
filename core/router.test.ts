import { afterEach, describe, expect, it } from 'vitest';
import { createTestStation, TEST_PASSWORD, type TestStation } from './testing/fixtures';
import { newSession } from './session';
import { Router } from './router';
import { HANDLERS, type Handlers } from './handlers';

let st: TestStation | undefined;
afterEach(() => st?.cleanup());

describe('router', () => {
  it('refuses an unknown channel', async () => {
    st = await createTestStation();
    const r = await st.callRaw(newSession(), 'cases.delete', {});
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_channel' }) });
  });

  it('names the bad field in Chinese', async () => {
    st = await createTestStation();
    const s = await st.as('clerk');
    const r = await st.callRaw(s, 'queue.list', { filter: {}, page: { offset: -1, limit: 10 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'invalid_input', field: 'page.offset' });
    expect(r.error.message).toMatch(/^起始位置：/);
  });

  it('requires sign-in and the right role', async () => {
    st = await createTestStation();
    expect((await st.callRaw(newSession(), 'queue.counts', {})) as unknown).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    const clerk = await st.as('clerk');
    expect(await st.callRaw(clerk, 'users.create', { username: 'x1', displayName: 'x', role: 'clerk', password: 'abcdefgh12' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('before setup only setup works; setup twice is refused', async () => {
    st = await createTestStation({ setup: false });
    const s = newSession();
    expect(await st.callRaw(s, 'setup.status', {})).toEqual({ ok: true, value: { initialized: false, station: null } });
    expect(await st.callRaw(s, 'auth.signIn', { username: 'a', password: 'b' })).toMatchObject({ ok: false, error: { code: 'setup_required' } });
    const init = { station: { code: 'TOWN02', name: '测试站', regionCode: '371002' }, supervisor: { username: 'boss', displayName: '站长', password: TEST_PASSWORD } };
    expect(await st.callRaw(s, 'setup.initialize', init)).toMatchObject({ ok: true });
    expect(s.user?.role).toBe('supervisor');
    expect(await st.callRaw(newSession(), 'setup.initialize', init)).toMatchObject({ ok: false, error: { code: 'already_set_up' } });
  });

  it('signs in, refuses a wrong password (and audits it), signs out', async () => {
    st = await createTestStation();
    await st.as('clerk');
    const s = newSession();
    expect(await st.callRaw(s, 'auth.signIn', { username: 'clerk1', password: 'wrong-password' })).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect(s.user).toBeNull();
    expect(st.core.ctx.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'auth.failed'").get()).toEqual({ n: 1 });
    expect(await st.callRaw(s, 'auth.signIn', { username: 'CLERK1', password: TEST_PASSWORD })).toMatchObject({ ok: true, value: { user: { role: 'clerk' } } });
    expect(await st.callRaw(s, 'auth.signOut', {})).toEqual({ ok: true, value: {} });
    expect(await st.callRaw(s, 'queue.counts', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('never sends an output that breaks its contract, and hides internal errors', async () => {
    st = await createTestStation();
    const bad: Handlers = { ...HANDLERS, 'queue.counts': () => ({ byStatus: {}, overdue: -1, pendingSync: 0 }) as never, 'catalog.list': () => { throw new Error('secret detail'); } };
    const router = new Router(st.core.ctx, bad, { error: () => undefined });
    const s = await st.as('clerk');
    const r1 = await router.handle(s, 'queue.counts', {});
    expect(r1).toMatchObject({ ok: false, error: { code: 'internal' } });
    const r2 = await router.handle(s, 'catalog.list', {});
    expect(r2).toMatchObject({ ok: false, error: { code: 'internal', retryable: true } });
    expect(JSON.stringify(r2)).not.toContain('secret');
  });

  it('runs write handlers one at a time, in arrival order', async () => {
    st = await createTestStation();
    const s = await st.as('supervisor');
    const log2: string[] = [];
    const w = (name: string, ms: number) => async () => {
      log2.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log2.push(`end ${name}`);
      return { id: '01900000-0000-7000-8000-000000000000', username: 'u', displayName: 'd', role: 'clerk' };
    };
    const r2 = new Router(st.core.ctx, { ...HANDLERS, 'users.create': w('x', 30) as never, 'persons.register': w('y', 1) as never }, { error: () => undefined });
    const input = { username: 'zz', displayName: 'z', role: 'clerk', password: 'abcdefgh12' };
    await Promise.all([r2.handle(s, 'users.create', input), r2.handle(s, 'persons.register', { idNumber: '1', name: 'n' })]);
    expect(log2).toEqual(['start x', 'end x', 'start y', 'end y']);
  });
});
