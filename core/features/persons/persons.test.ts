import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, refusalOf, residentId, type TestStation } from '../../testing/fixtures';
import type { Session } from '../../session';
import { loadRoster, type RosterProgress } from './roster';
import { syntheticRoster } from '../../testing/generate';

let st: TestStation;
let clerk: Session;
beforeEach(async () => {
  st = await createTestStation();
  clerk = await st.as('clerk');
});
afterEach(() => st.cleanup());

describe('persons at the window', () => {
  it('registers a person: ID normalised, birth date and sex derived, pinyin and initials stored', async () => {
    const id = residentId('1950-03-04', 123).replace(/X$/, 'x');
    const p = await st.call(clerk, 'persons.register', { idNumber: ` ${id} `, name: '单雄信', phone: '13800138000' });
    expect(p.idNumber).toBe(id.toUpperCase());
    expect(p.birthDate).toBe('1950-03-04');
    expect(p.sex).toBe('M'); // sequence 123 is odd
    expect(p.namePinyin).toBe('shanxiongxin'); // 单 read as a surname
    expect(p.nameInitials).toBe('sxx');
    expect(p.source).toBe('window');
  });

  it('refuses an invalid ID number with the precise reason and saves nothing', async () => {
    const before = st.core.ctx.repos.persons.count();
    const err = await refusalOf(st.call(clerk, 'persons.register', { idNumber: '110105194912310021', name: '张三' }));
    expect(err.code).toBe('invalid_input');
    expect(err.field).toBe('idNumber');
    expect(err.message).toContain('校验位');
    expect(err.message).toContain('X');
    expect(st.core.ctx.repos.persons.count()).toBe(before);
  });

  it('refuses a second registration of the same ID number', async () => {
    const idNumber = residentId('1960-01-01', 2);
    await st.call(clerk, 'persons.register', { idNumber, name: '李四' });
    const err = await refusalOf(st.call(clerk, 'persons.register', { idNumber, name: '李四' }));
    expect(err.code).toBe('duplicate');
    expect(err.field).toBe('idNumber');
  });

  it('finds by exact ID (15-digit old numbers too), by name, pinyin, initials and phone', async () => {
    const id18 = residentId('1965-07-08', 21, '110105');
    const p = await st.call(clerk, 'persons.register', { idNumber: id18, name: '张三丰', phone: '13912345678' });
    await st.call(clerk, 'persons.register', { idNumber: residentId('1970-01-02', 4), name: '张无忌' });
    await st.call(clerk, 'persons.register', { idNumber: residentId('1971-01-02', 6), name: '李寻欢' });
    const id15 = id18.slice(0, 6) + id18.slice(8, 17);
    expect((await st.call(clerk, 'persons.findByIdNumber', { idNumber: id15 }))?.id).toBe(p.id);
    expect(await st.call(clerk, 'persons.findByIdNumber', { idNumber: residentId('1999-09-09', 9) })).toBeNull();
    const names = async (q: string) => (await st.call(clerk, 'persons.search', { q })).map((r) => r.name).sort();
    expect(await names('张')).toEqual(['张三丰', '张无忌']);
    expect(await names('张三丰')).toEqual(['张三丰']);
    expect(await names('zhangsan')).toEqual(['张三丰']);
    expect(await names('zsf')).toEqual(['张三丰']);
    expect(await names('ZS')).toEqual(['张三丰']);
    expect(await names('zwj')).toEqual(['张无忌']);
    expect(await names('139123')).toEqual(['张三丰']);
    expect(await names('zs lxh')).toEqual([]);
    expect(await names('"*(')).toEqual([]); // FTS syntax typed by mistake is harmless
  });

  it('audits reading a person', async () => {
    const p = await st.call(clerk, 'persons.register', { idNumber: residentId('1960-01-01', 2), name: '李四' });
    await st.call(clerk, 'persons.get', { id: p.id });
    const rows = st.core.ctx.db.prepare("SELECT actor_id, entity_id FROM audit_log WHERE action = 'person.read'").all();
    expect(rows).toEqual([{ actor_id: clerk.user!.id, entity_id: p.id }]);
    // The read record is committed without an fsync of its own, and the connection is back to FULL after it.
    expect(st.core.ctx.db.pragma('synchronous', { simple: true })).toBe(2);
  });
});

describe('roster load', () => {
  it('loads rows in chunks with progress, and a re-load changes nothing', async () => {
    const progress: RosterProgress[] = [];
    const r = await loadRoster(st.core.ctx, syntheticRoster(2_500), { chunkSize: 1_000, onProgress: (p) => progress.push(p) });
    expect(r).toMatchObject({ ok: true, rows: 2_500, written: 2_500 });
    expect(progress.filter((p) => p.phase === 'load').map((p) => p.done)).toEqual([1_000, 2_000, 2_500]);
    expect(st.core.ctx.repos.persons.count()).toBe(2_500);
    const again = await loadRoster(st.core.ctx, syntheticRoster(2_500), { chunkSize: 1_000 });
    expect(again).toMatchObject({ ok: true, rows: 2_500, written: 0 });
  });

  it('a roster row updates a person registered at the window, keeping the station id', async () => {
    const row = [...syntheticRoster(1)()][0]!;
    const p = await st.call(clerk, 'persons.register', { idNumber: row.idNumber, name: '旧名字' });
    await loadRoster(st.core.ctx, () => [row]);
    const after = st.core.ctx.repos.persons.byIdNumber(row.idNumber)!;
    expect(after.id).toBe(p.id);
    expect(after.name).toBe(row.name);
    expect(after.source).toBe('roster');
    expect(after.insurance).toEqual(row.insurance);
  });

  it('one bad row refuses the whole load, naming the row and field, and changes nothing', async () => {
    const rows = [...syntheticRoster(10)()];
    const bad = [...rows.slice(0, 6), { ...rows[6]!, idNumber: '110105194912310021' }, ...rows.slice(7), { ...rows[0]!, regionCode: '12' }];
    const r = await loadRoster(st.core.ctx, () => bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.error.field])).toEqual([
      [7, 'idNumber'],
      [11, 'regionCode'],
    ]);
    expect(st.core.ctx.repos.persons.count()).toBe(0);
  });
});
