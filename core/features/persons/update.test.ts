import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../testing/fixtures';
import type { ApiError } from '../../../shared/api/errors';

/** The person card can be corrected (name, phone, address): audited by field, synced as the person's record. */
let st: TestStation;
beforeEach(async () => {
  st = await createTestStation();
});
afterEach(() => st.cleanup());

describe('persons.update', () => {
  it('corrects the name (searchable by its new pinyin), phone and address; audits the fields; sends the person to central', async () => {
    const clerk = await st.as('clerk');
    const p = await st.call(clerk, 'persons.register', { idNumber: residentId('1950-02-03', 31), name: '陈玉兰', phone: '13900000001' });
    const before = (st.core.ctx.db.prepare('SELECT max(id) AS m FROM audit_log').get() as { m: number }).m;
    const ops = st.core.ctx.repos.outbox.pendingCount();
    const next = await st.call(clerk, 'persons.update', { id: p.id, name: ' 陈玉芬 ', phone: '13900000002', address: ' 掘港镇友谊村12组 ' });
    expect(next).toMatchObject({ name: '陈玉芬', phone: '13900000002', address: '掘港镇友谊村12组', namePinyin: 'chenyufen' });
    expect((await st.call(clerk, 'persons.search', { q: 'cyf' })).map((x) => x.id)).toContain(p.id);
    const audit = st.core.ctx.db.prepare("SELECT action, detail FROM audit_log WHERE id > ? AND action = 'person.update'").all(before) as { action: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ fields: ['name', 'phone', 'address'], personIds: [p.id] });
    expect(audit[0]!.detail).not.toContain('13900000002');
    const op = st.core.ctx.repos.outbox.pending(100).at(-1)!;
    expect(st.core.ctx.repos.outbox.pendingCount()).toBe(ops + 1);
    expect(op).toMatchObject({ kind: 'person.registered', payload: { person: { id: p.id, name: '陈玉芬', phone: '13900000002' } } });
    // Clearing the phone; nothing changed writes nothing.
    expect((await st.call(clerk, 'persons.update', { id: p.id, phone: null })).phone).toBeNull();
    const count = st.core.ctx.repos.outbox.pendingCount();
    await st.call(clerk, 'persons.update', { id: p.id, name: '陈玉芬' });
    expect(st.core.ctx.repos.outbox.pendingCount()).toBe(count);
  });

  it.each([
    [{ name: '陈' }, 'name', '姓名至少 2 个字'],
    [{ phone: '12345' }, 'phone', '电话号码格式不对'],
    [{ address: 'x'.repeat(201) }, 'address', '不能超过200个字'],
  ])('refuses %j naming the field, changing nothing', async (patch, field, message) => {
    const clerk = await st.as('clerk');
    const p = await st.call(clerk, 'persons.register', { idNumber: residentId('1950-02-03', 31), name: '陈玉兰' });
    const r = await st.callRaw(clerk, 'persons.update', { id: p.id, ...patch });
    expect(r.ok).toBe(false);
    const e = (r as { error: ApiError }).error;
    expect(e.field).toBe(field);
    expect(e.message).toContain(message);
    expect((await st.call(clerk, 'persons.get', { id: p.id })).name).toBe('陈玉兰');
  });
});
