import { describe, expect, it } from 'vitest';
import { clearRecovery, loadRecovery, pruneRecoveries, recoveryKey, saveRecovery, type Recovery, type StorageLike } from './recovery';

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
}

const NOW = Date.parse('2026-11-24T10:00:00+08:00');
const kept: Recovery = {
  savedAt: NOW - 60_000,
  ui: { hospitalName: '县人民医院', invoices: [{ invoiceNo: 'A1', amount: '120.50' }], diseases: ['a', 'b'] },
  proxy: { enabled: true, name: '张建国', idNumber: '371002195803120234', relationship: 'child', phone: '' },
  received: ['id_card', 'invoice'],
};

describe('unsaved intake typing kept on the workstation', () => {
  it('gives back exactly what was typed, for the same clerk and intake only', () => {
    const s = new MemoryStorage();
    const key = recoveryKey('u1', { personId: 'p1', itemCode: 'outpatient_reimbursement' });
    saveRecovery(s, key, kept);
    expect(loadRecovery(s, key, NOW)).toEqual(kept);
    expect(loadRecovery(s, recoveryKey('u2', { personId: 'p1', itemCode: 'outpatient_reimbursement' }), NOW)).toBeNull();
    expect(loadRecovery(s, recoveryKey('u1', { personId: 'p1', itemCode: 'inpatient_reimbursement' }), NOW)).toBeNull();
    expect(loadRecovery(s, recoveryKey('u1', { draftId: 'p1' }), NOW)).toBeNull();
  });

  it('is gone once cleared (saved or discarded)', () => {
    const s = new MemoryStorage();
    const key = recoveryKey('u1', { draftId: 'c1' });
    saveRecovery(s, key, kept);
    clearRecovery(s, key);
    expect(loadRecovery(s, key, NOW)).toBeNull();
  });

  it('drops entries older than a week and entries that are not what it wrote', () => {
    const s = new MemoryStorage();
    const old = recoveryKey('u1', { draftId: 'old' });
    const fresh = recoveryKey('u1', { draftId: 'fresh' });
    const bad = recoveryKey('u1', { draftId: 'bad' });
    saveRecovery(s, old, { ...kept, savedAt: NOW - 8 * 86_400_000 });
    saveRecovery(s, fresh, kept);
    s.setItem(bad, JSON.stringify({ v: 1, savedAt: NOW, ui: { x: 5 }, proxy: kept.proxy, received: [] }));
    s.setItem('yibao.language', 'en');
    pruneRecoveries(s, NOW);
    expect([...s.map.keys()].sort()).toEqual([fresh, 'yibao.language'].sort());
    s.setItem(bad, '{not json');
    expect(loadRecovery(s, bad, NOW)).toBeNull();
    expect(s.getItem(bad)).toBeNull();
  });

  it('never throws when storage refuses to write', () => {
    const s = new MemoryStorage();
    s.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => saveRecovery(s, recoveryKey('u1', { draftId: 'c1' }), kept)).not.toThrow();
  });
});
