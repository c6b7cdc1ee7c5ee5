import { afterEach, describe, expect, it } from 'vitest';
import { createTestStation, TEST_PASSWORD, TestClock, type TestStation } from '../../testing/fixtures';
import { DEFAULT_SESSION_LIMITS, newSession, type Session } from '../../session';
import { CLIENT_MAX_FAILURES } from './throttle';

let st: TestStation;
afterEach(() => st?.cleanup());

const actions = (after = 0) => (st.core.ctx.db.prepare('SELECT action FROM audit_log WHERE id > ? ORDER BY id').pluck().all(after) as string[]);
const lastId = () => (st.core.ctx.db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number);

async function signIn(username: string, password: string, client = 'test'): Promise<{ s: Session; r: Awaited<ReturnType<TestStation['callRaw']>> }> {
  const s = newSession(client);
  return { s, r: await st.callRaw(s, 'auth.signIn', { username, password }) };
}

describe('accounts', () => {
  it('a user changes their own password (the current one proves it; wrong ones count); their other sessions end', async () => {
    st = await createTestStation();
    const clerk = await st.as('clerk');
    const other = (await signIn('clerk1', TEST_PASSWORD)).s;
    const before = lastId();
    expect(await st.callRaw(clerk, 'auth.changePassword', { currentPassword: 'wrong-one-123', newPassword: 'new-pass-2026' })).toMatchObject({
      ok: false,
      error: { code: 'bad_credentials', field: 'currentPassword' },
    });
    expect(await st.callRaw(clerk, 'auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'clerk1-and-more' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'newPassword', message: '新密码：密码不能包含用户名' },
    });
    expect(await st.callRaw(clerk, 'auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'short1' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'newPassword' } });
    expect(await st.callRaw(clerk, 'auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'new-pass-2026' })).toMatchObject({ ok: true });
    expect(actions(before)).toEqual(['auth.failed', 'user.password_change']);
    // This session goes on; the other one of the same user ends; the old password no longer works.
    expect(await st.callRaw(clerk, 'queue.counts', {})).toMatchObject({ ok: true });
    expect(await st.callRaw(other, 'queue.counts', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect((await signIn('clerk1', TEST_PASSWORD)).r).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect((await signIn('clerk1', 'new-pass-2026')).r).toMatchObject({ ok: true });
  });

  it('a supervisor resets a password: the user must change it at next sign-in before anything else works', async () => {
    st = await createTestStation();
    const sup = await st.as('supervisor');
    const clerk = await st.as('clerk');
    const id = clerk.user!.id;
    const before = lastId();
    expect(await st.callRaw(clerk, 'users.resetPassword', { userId: id, newPassword: 'reset-pass-2026' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const r = await st.call(sup, 'users.resetPassword', { userId: id, newPassword: 'reset-pass-2026' });
    expect(r).toMatchObject({ id, mustChangePassword: true, lockedUntil: null });
    expect(actions(before)).toEqual(['user.password_reset']);
    // The clerk's open session ended with the reset.
    expect(await st.callRaw(clerk, 'queue.counts', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    const { s, r: signedIn } = await signIn('clerk1', 'reset-pass-2026');
    expect(signedIn).toMatchObject({ ok: true, value: { session: { mustChangePassword: true } } });
    expect(await st.callRaw(s, 'queue.counts', {})).toMatchObject({ ok: false, error: { code: 'password_change_required' } });
    expect(await st.callRaw(s, 'auth.me', {})).toMatchObject({ ok: true, value: { session: { mustChangePassword: true } } });
    expect(await st.callRaw(s, 'auth.changePassword', { currentPassword: 'reset-pass-2026', newPassword: 'my-own-pass-77' })).toMatchObject({
      ok: true,
      value: { session: { mustChangePassword: false } },
    });
    expect(await st.callRaw(s, 'queue.counts', {})).toMatchObject({ ok: true });
    expect((await st.call(sup, 'users.list', {})).find((u) => u.id === id)).toMatchObject({ mustChangePassword: false });
  });

  it('a supervisor disables and re-enables an account, and changes a role; each audited, open sessions end', async () => {
    st = await createTestStation();
    const sup = await st.as('supervisor');
    const clerk = await st.as('clerk');
    const id = clerk.user!.id;
    const before = lastId();
    expect(await st.call(sup, 'users.setDisabled', { userId: id, disabled: true })).toMatchObject({ disabled: true });
    expect(await st.callRaw(clerk, 'queue.counts', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in', message: '此账号已停用，请联系站点负责人' } });
    expect((await signIn('clerk1', TEST_PASSWORD)).r).toMatchObject({ ok: false, error: { code: 'account_disabled' } });
    await st.call(sup, 'users.setDisabled', { userId: id, disabled: false });
    const { s } = await signIn('clerk1', TEST_PASSWORD);
    expect(await st.call(sup, 'users.setRole', { userId: id, role: 'proxy_helper' })).toMatchObject({ role: 'proxy_helper' });
    expect(await st.callRaw(s, 'queue.counts', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect((await signIn('clerk1', TEST_PASSWORD)).r).toMatchObject({ ok: true, value: { user: { role: 'proxy_helper' } } });
    expect(actions(before).filter((a) => a.startsWith('user.'))).toEqual(['user.disable', 'user.enable', 'user.role_change']);
  });

  it('the station keeps a supervisor: none disables or re-roles themselves or the last one', async () => {
    st = await createTestStation();
    const sup = await st.as('supervisor');
    const id = sup.user!.id;
    expect(await st.callRaw(sup, 'users.setDisabled', { userId: id, disabled: true })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'userId' } });
    expect(await st.callRaw(sup, 'users.setRole', { userId: id, role: 'clerk' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'userId' } });
    const second = await st.call(sup, 'users.create', { username: 'boss2', displayName: '副站长', role: 'supervisor', password: 'second-boss-9' });
    const s2 = (await signIn('boss2', 'second-boss-9')).s;
    expect(await st.call(s2, 'users.setRole', { userId: id, role: 'clerk' })).toMatchObject({ role: 'clerk' });
    // boss2 is now the last supervisor: the first one (now a clerk) cannot be used to remove them, and they cannot themselves.
    expect(await st.callRaw(s2, 'users.setDisabled', { userId: second.id, disabled: true })).toMatchObject({ ok: false, error: { field: 'userId' } });
  });

  it('refuses a weak password everywhere one is set, naming the field', async () => {
    st = await createTestStation();
    const sup = await st.as('supervisor');
    const weak: [string, RegExp][] = [
      ['abc123', /至少 10 位/],
      ['abcdefghijkl', /一类字符/],
      ['zhang.wei-2026', /用户名/],
      ['password123', /常见密码/],
    ];
    for (const [password, why] of weak) {
      const r = await st.callRaw(sup, 'users.create', { username: 'zhang.wei', displayName: '张伟', role: 'clerk', password });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'password' } });
      if (!r.ok) expect(r.error.message).toMatch(why);
    }
    expect(await st.callRaw(sup, 'users.list', {})).toMatchObject({ ok: true, value: [{ username: 'zhang.sup' }] });
  });
});

describe('sign-in throttling', () => {
  it('delays a user after 5 wrong passwords, locks for 15 minutes after 10 (audited), even the right password', async () => {
    const clock = new TestClock();
    st = await createTestStation({ clock });
    await st.as('clerk');
    const wrong = () => signIn('clerk1', 'wrong-password-0');
    for (let i = 0; i < 5; i++) expect((await wrong()).r).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    // The sixth try comes too soon, whatever the password: refused before it is looked at.
    expect((await signIn('clerk1', TEST_PASSWORD)).r).toMatchObject({ ok: false, error: { code: 'too_many_attempts' } });
    for (let i = 5; i < 10; i++) {
      clock.advance(60_000);
      expect((await wrong()).r).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    }
    expect(actions().filter((a) => a === 'auth.locked')).toHaveLength(1);
    clock.advance(14 * 60_000);
    const locked = (await signIn('clerk1', TEST_PASSWORD)).r;
    expect(locked).toMatchObject({ ok: false, error: { code: 'too_many_attempts' } });
    if (!locked.ok) expect(locked.error.message).toMatch(/锁定/);
    clock.advance(61_000);
    expect((await signIn('clerk1', TEST_PASSWORD)).r).toMatchObject({ ok: true });
    // A right password starts the count again.
    expect(st.core.ctx.repos.users.byUsername('clerk1')!.failedSignIns).toBe(0);
  });

  it('throttles names the station does not know the same way (the answers do not tell which names exist)', async () => {
    const clock = new TestClock();
    st = await createTestStation({ clock });
    for (let i = 0; i < 5; i++) expect((await signIn('nobody', 'wrong-password-0')).r).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    expect((await signIn('nobody', 'wrong-password-0')).r).toMatchObject({ ok: false, error: { code: 'too_many_attempts' } });
  });

  it('limits a client trying many names, and not another client', async () => {
    const clock = new TestClock();
    st = await createTestStation({ clock });
    await st.as('clerk');
    for (let i = 0; i < CLIENT_MAX_FAILURES; i++) {
      expect((await signIn(`name${i}`, 'wrong-password-0', 'http:127.0.0.1')).r).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
    }
    expect((await signIn('clerk1', TEST_PASSWORD, 'http:127.0.0.1')).r).toMatchObject({ ok: false, error: { code: 'too_many_attempts' } });
    expect((await signIn('clerk1', TEST_PASSWORD, 'port:2')).r).toMatchObject({ ok: true });
    clock.advance(10 * 60_000 + 1);
    expect((await signIn('clerk1', TEST_PASSWORD, 'http:127.0.0.1')).r).toMatchObject({ ok: true });
  });

  it('runs scrypt off the event loop: timers fire while a sign-in is checked', async () => {
    st = await createTestStation();
    await st.as('clerk');
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const pending = signIn('clerk1', TEST_PASSWORD);
    await pending;
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});

describe('sessions expire in the core', () => {
  it('after 15 minutes without a request (audited with the user), and after 12 hours in all', async () => {
    expect(DEFAULT_SESSION_LIMITS).toEqual({ idleMs: 15 * 60_000, absoluteMs: 12 * 3600_000 });
    const clock = new TestClock();
    st = await createTestStation({ clock, sessionLimits: DEFAULT_SESSION_LIMITS });
    const { s, r } = await signIn('zhang.sup', TEST_PASSWORD);
    expect(r).toMatchObject({ ok: true, value: { session: { idleMinutes: 15 } } });
    clock.advance(14 * 60_000);
    expect(await st.callRaw(s, 'queue.counts', {})).toMatchObject({ ok: true });
    clock.advance(15 * 60_000);
    const before = lastId();
    expect(await st.callRaw(s, 'queue.counts', {})).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    expect(await st.callRaw(s, 'auth.me', {})).toEqual({ ok: true, value: { user: null, session: null } });
    const supId = r.ok ? (r.value as { user: { id: string } }).user.id : '';
    expect(st.core.ctx.db.prepare('SELECT action, actor_id AS actorId FROM audit_log WHERE id > ?').all(before)).toEqual([{ action: 'auth.expired', actorId: supId }]);

    const again = (await signIn('zhang.sup', TEST_PASSWORD)).s;
    for (let h = 0; h < 12 * 6 - 1; h++) {
      clock.advance(10 * 60_000);
      expect(await st.callRaw(again, 'queue.counts', {})).toMatchObject({ ok: true });
    }
    clock.advance(10 * 60_000);
    const over = await st.callRaw(again, 'queue.counts', {});
    expect(over).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    if (!over.ok) expect(over.error.message).toMatch(/12 小时/);
  });
});
