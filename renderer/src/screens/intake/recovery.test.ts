import { describe, expect, it } from 'vitest';
import { RecoveryVault, recoveryKey, type Recovery, type StorageLike } from './recovery';

class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  /** Everything stored, as one text (what an attacker reading the browser profile sees). */
  dump(): string {
    return [...this.map].map(([k, v]) => `${k}=${v}`).join('\n');
  }
}

const NOW = Date.parse('2026-11-24T10:00:00+08:00');
const PROXY_ID = '371002195803120234';
const kept: Recovery = {
  savedAt: NOW - 60_000,
  ui: { hospitalName: '县人民医院', bankAccount: '6228480123456789012', invoices: [{ invoiceNo: 'A1', amount: '120.50' }], diseases: ['a', 'b'] },
  proxy: { enabled: true, name: '张建国', idNumber: PROXY_ID, relationship: 'child', phone: '' },
  received: ['id_card', 'invoice'],
};
const KEY_U1 = btoa(String.fromCharCode(...new Array<number>(32).fill(1)));
const KEY_U2 = btoa(String.fromCharCode(...new Array<number>(32).fill(2)));
const target = (user = 'u1') => recoveryKey(user, { personId: '0190aaaa-0000-7000-8000-000000000001', itemCode: 'outpatient_reimbursement' });

async function opened(store: StorageLike, user = 'u1', key = KEY_U1, now = NOW): Promise<RecoveryVault> {
  const v = new RecoveryVault(store);
  await v.open(user, key, now);
  return v;
}

describe('unsaved intake typing kept on the workstation, sealed per user', () => {
  it('gives back exactly what was typed, for the same clerk and intake only', async () => {
    const s = new MemoryStorage();
    const v = await opened(s);
    v.save(target(), kept);
    expect(v.load(target(), NOW)).toEqual(kept);
    expect(v.load(recoveryKey('u1', { personId: 'p1', itemCode: 'inpatient_reimbursement' }), NOW)).toBeNull();
    expect(v.load(recoveryKey('u1', { draftId: 'p1' }), NOW)).toBeNull();
    await v.flush();
    // After a reload (a new page): the same user's key opens it again; another user's does not see it.
    expect((await opened(s)).load(target(), NOW)).toEqual(kept);
    expect((await opened(s, 'u2', KEY_U2)).load(target('u2'), NOW)).toBeNull();
    expect((await opened(s, 'u2', KEY_U2)).count()).toBe(0);
  });

  it('keeps nothing personal in the clear: no ID number, name, bank account, hospital, person or item', async () => {
    const s = new MemoryStorage();
    const v = await opened(s);
    v.save(target(), kept);
    await v.flush();
    const raw = s.dump();
    expect(raw).toMatch(/^yibao\.intake-recovery\.u1\.[A-Za-z0-9_-]+=v2\./);
    for (const secret of [PROXY_ID, '张建国', '6228480123456789012', '县人民医院', '0190aaaa', 'outpatient', '120.50']) expect(raw).not.toContain(secret);
  });

  it('forgets what it opened when closed (lock, sign-out), and keeps nothing while closed', async () => {
    const s = new MemoryStorage();
    const v = await opened(s);
    v.save(target(), kept);
    await v.flush();
    v.close();
    expect(v.isOpen()).toBe(false);
    expect(v.load(target(), NOW)).toBeNull();
    v.save(recoveryKey('u1', { draftId: 'd9' }), kept);
    await v.flush();
    expect(s.map.size).toBe(1);
  });

  it('drops an entry that does not open (changed bytes, another key), and one older than a week', async () => {
    const s = new MemoryStorage();
    const v = await opened(s);
    v.save(target(), kept);
    v.save(recoveryKey('u1', { draftId: 'old' }), { ...kept, savedAt: NOW - 8 * 86_400_000 });
    await v.flush();
    const [name, value] = [...s.map].find(([, val]) => val.startsWith('v2.'))!;
    const flipped = `${value.slice(0, 20)}${value[20] === 'A' ? 'B' : 'A'}${value.slice(21)}`;
    s.setItem(name, flipped);
    const again = await opened(s);
    expect(again.count()).toBe(0);
    expect(s.map.size).toBe(0);
    // Another key (a different station's data key, say) opens nothing and removes the entry.
    const v2 = await opened(s);
    v2.save(target(), kept);
    await v2.flush();
    expect((await opened(s, 'u1', KEY_U2)).count()).toBe(0);
  });

  it('seals the clear-text entries an older version left for this user, and removes other users’', async () => {
    const s = new MemoryStorage();
    s.setItem('yibao.intake-recovery.u1.new.p1.outpatient_reimbursement', JSON.stringify({ v: 1, ...kept }));
    s.setItem('yibao.intake-recovery.u2.draft.c1', JSON.stringify({ v: 1, ...kept }));
    s.setItem('yibao.language', 'zh-CN');
    const v = await opened(s);
    await v.flush();
    expect(v.load(recoveryKey('u1', { personId: 'p1', itemCode: 'outpatient_reimbursement' }), NOW)).toEqual(kept);
    expect(s.dump()).not.toContain(PROXY_ID);
    expect(s.getItem('yibao.language')).toBe('zh-CN');
    expect([...s.map.keys()].filter((k) => k.startsWith('yibao.intake-recovery.u2.'))).toEqual([]);
  });

  it('drops every entry of the user on request (sign-out: "drop"), leaving other users’ sealed entries', async () => {
    const s = new MemoryStorage();
    const u2 = await opened(s, 'u2', KEY_U2);
    u2.save(target('u2'), kept);
    await u2.flush();
    const v = await opened(s);
    v.save(target(), kept);
    v.save(recoveryKey('u1', { draftId: 'd1' }), kept);
    expect(v.count()).toBe(2);
    v.dropAll();
    await v.flush();
    expect(v.count()).toBe(0);
    expect([...s.map.keys()].filter((k) => k.startsWith('yibao.intake-recovery.u1.'))).toEqual([]);
    expect((await opened(s, 'u2', KEY_U2)).load(target('u2'), NOW)).toEqual(kept);
  });

  it('never interrupts the clerk when storage refuses', async () => {
    const s = new MemoryStorage();
    s.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const v = await opened(s);
    expect(() => v.save(target(), kept)).not.toThrow();
    await expect(v.flush()).resolves.toBeUndefined();
    expect(v.load(target(), NOW)).toEqual(kept);
  });
});
