import { describe, expect, it } from 'vitest';
import { parentSafeStorage } from './safe-storage-bridge';
import type { ParentPortLike } from './port-server';

/** Main's side played by a function (electron/main/keys.ts answers the same messages with the real safeStorage). */
function fakeParent(answer: (m: { id: number; op: string; data?: string }) => unknown): ParentPortLike {
  const listeners: ((e: { data: unknown; ports: [] }) => void)[] = [];
  return {
    on: (_event: 'message', l: (e: { data: unknown; ports: [] }) => void) => listeners.push(l),
    postMessage: (m: unknown) => {
      const reply = answer(m as { id: number; op: string; data?: string });
      setTimeout(() => listeners.forEach((l) => l({ data: reply, ports: [] })), 1);
    },
  } as unknown as ParentPortLike;
}

describe('safeStorage through main (the core side)', () => {
  it('asks main, matches replies by id, and carries bytes as base64', async () => {
    const seen: string[] = [];
    const bridge = parentSafeStorage(
      fakeParent((m) => {
        seen.push(m.op);
        if (m.op === 'info') return { type: 'safeStorage.reply', id: m.id, ok: true, value: { available: true, backend: 'gnome_libsecret', platform: 'linux' } };
        if (m.op === 'encrypt') return { type: 'safeStorage.reply', id: m.id, ok: true, value: Buffer.from(`sealed:${m.data}`).toString('base64') };
        return { type: 'safeStorage.reply', id: m.id, ok: true, value: Buffer.from(m.data!, 'base64').toString().replace('sealed:', '') };
      }),
    );
    expect(await bridge.info()).toEqual({ available: true, backend: 'gnome_libsecret', platform: 'linux' });
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const sealed = await bridge.encrypt(key);
    expect(sealed.toString()).toBe(`sealed:${key.toString('base64')}`);
    expect((await bridge.decrypt(sealed)).equals(key)).toBe(true);
    expect(seen).toEqual(['info', 'encrypt', 'decrypt']);
  });

  it("passes main's refusal on, and refuses a malformed answer", async () => {
    const refusing = parentSafeStorage(fakeParent((m) => ({ type: 'safeStorage.reply', id: m.id, ok: false, error: 'Error while decrypting the ciphertext' })));
    await expect(refusing.decrypt(Buffer.from('x'))).rejects.toThrow(/decrypting/);
    const odd = parentSafeStorage(fakeParent((m) => ({ type: 'safeStorage.reply', id: m.id, ok: true, value: { available: 'yes' } })));
    await expect(odd.info()).rejects.toThrow();
    const silent = parentSafeStorage(fakeParent(() => null), 50);
    await expect(silent.info()).rejects.toThrow(/did not answer/);
  });
});
