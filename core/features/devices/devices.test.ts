import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStation, type TestStation } from '../../testing/fixtures';
import { newSession, type Session } from '../../session';
import { CHANNEL_NAMES } from '../../../shared/api/contract';
import { deviceMayCall, FORBIDDEN_DEVICE_MESSAGE } from '../../../shared/access';
import { DEVICE_KINDS, type DeviceKind } from '../../../shared/roles';

/**
 * The narrow credential of the public screens (issue 15, point 3): a display reaches the board, its window's rating
 * and who it is; a kiosk the board, taking tickets and checking appointments in. EVERY other channel of the contract
 * — public ones included — is refused `forbidden`, whatever the input, and nothing changes in the store.
 */

/** What each kind may call: written out here, so a change to the access table has to change this test too. */
const ALLOWED: Record<DeviceKind, string[]> = {
  display: ['devices.me', 'ratings.prompt', 'ratings.submit', 'tickets.board'],
  kiosk: ['devices.me', 'tickets.board', 'tickets.checkIn', 'tickets.issue'],
};

let st: TestStation;
let sup: Session;
const keys = {} as Record<DeviceKind, string>;
const sessions = {} as Record<DeviceKind, Session>;

/** Row counts of every table: a refused call changes none of them. */
function snapshot(): Record<string, number> {
  const db = st.core.ctx.db;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'").all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

beforeAll(async () => {
  st = await createTestStation();
  sup = await st.as('supervisor');
  for (const kind of DEVICE_KINDS) {
    const r = await st.call(sup, 'devices.issue', { kind, name: `${kind} 1`, windowNo: kind === 'display' ? 1 : null });
    keys[kind] = r.key;
    expect(r.key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    sessions[kind] = newSession('test');
    expect(await st.call(sessions[kind], 'devices.signIn', { key: r.key })).toMatchObject({ device: { kind, name: `${kind} 1` } });
  }
});
afterAll(() => st.cleanup());

describe('the display and kiosk credentials', () => {
  it.each(DEVICE_KINDS)('the access table names %s on exactly its channels', (kind) => {
    expect(CHANNEL_NAMES.filter((c) => deviceMayCall(c, kind)).sort()).toEqual(ALLOWED[kind]);
  });

  it.each(DEVICE_KINDS)('%s: every other channel is refused forbidden, whatever the input, and nothing changes', async (kind) => {
    const before = snapshot();
    const others = CHANNEL_NAMES.filter((c) => !ALLOWED[kind].includes(c));
    expect(others.length).toBeGreaterThan(40);
    for (const channel of others) {
      for (const input of [{}, { username: 'zhang.sup', password: 'x' }]) {
        const r = await st.callRaw(sessions[kind], channel, input);
        expect(r, channel).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden', message: FORBIDDEN_DEVICE_MESSAGE }) });
      }
    }
    expect(snapshot()).toEqual(before);
    // The session is still the device's (a refusal does not sign it out).
    expect((await st.call(sessions[kind], 'devices.me', {})).device.kind).toBe(kind);
  });

  it('its own channels work', async () => {
    expect((await st.call(sessions.display, 'tickets.board', {})).categories.length).toBe(4);
    expect(await st.call(sessions.display, 'ratings.prompt', {})).toEqual({ prompt: null });
    expect((await st.call(sessions.kiosk, 'tickets.issue', { category: 'care' })).number).toBe('C001');
  });

  it('a user session cannot use the device-only channels, and a wrong key signs nothing in (audited)', async () => {
    const clerk = await st.as('clerk');
    for (const c of ['ratings.submit', 'ratings.prompt', 'devices.me']) {
      expect((await st.callRaw(clerk, c, {})) as unknown, c).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const s = newSession('test');
    expect(await st.callRaw(s, 'devices.signIn', { key: 'A'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await st.callRaw(s, 'devices.signIn', { key: 'short' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'key' } });
    expect(await st.callRaw(s, 'tickets.board', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(st.core.ctx.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'device.refused'").get()).toEqual({ n: 1 });
    // The store keeps only the key's hash.
    expect(JSON.stringify(st.core.ctx.db.prepare('SELECT * FROM devices').all())).not.toContain(keys.kiosk);
  });

  it('a revoked credential ends its session at the next call; a user signing in on the same session is no device any more', async () => {
    const [kiosk] = (await st.call(sup, 'devices.list', {})).filter((d) => d.kind === 'kiosk');
    await st.call(sup, 'devices.revoke', { id: kiosk!.id });
    expect(await st.callRaw(sessions.kiosk, 'tickets.board', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(sessions.kiosk.device).toBeNull();
    expect(await st.callRaw(newSession('test'), 'devices.signIn', { key: keys.kiosk })).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });

    const s = newSession('test');
    await st.call(s, 'devices.signIn', { key: keys.display });
    expect(await st.callRaw(s, 'auth.signIn', { username: 'zhang.sup', password: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(s.device?.kind).toBe('display');
  });

  it('only a supervisor issues and revokes; a kiosk belongs to no window', async () => {
    const clerk = await st.as('clerk');
    expect(await st.callRaw(clerk, 'devices.issue', { kind: 'display', name: 'x', windowNo: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await st.callRaw(sup, 'devices.issue', { kind: 'kiosk', name: 'x', windowNo: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'windowNo' } });
    expect(await st.callRaw(sup, 'devices.issue', { kind: 'display', name: 'x', windowNo: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'windowNo' } });
  });
});
