import { z } from 'zod';
import type { SafeStorageBridge } from '../keys/protectors';
import type { ParentPortLike } from './port-server';

/**
 * The core's side of safeStorage in Electron: the core (a utility process) cannot call safeStorage, so it asks
 * main over the parent port — `{type:'safeStorage', id, op, data?}` — and main (electron/main/keys.ts) answers
 * `{type:'safeStorage.reply', id, ok, value | error}`. Keys travel base64-encoded inside the process pair only.
 */
const ReplySchema = z.union([
  z.strictObject({ type: z.literal('safeStorage.reply'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ type: z.literal('safeStorage.reply'), id: z.number().int(), ok: z.literal(false), error: z.string() }),
]);
const InfoSchema = z.strictObject({ available: z.boolean(), backend: z.string().min(1).max(40), platform: z.string().min(1).max(20) });
const B64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export function parentSafeStorage(parent: ParentPortLike, timeoutMs = 30_000): SafeStorageBridge {
  let next = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  parent.on('message', (e) => {
    const r = ReplySchema.safeParse(e.data);
    if (!r.success) return;
    const p = pending.get(r.data.id);
    if (!p) return;
    pending.delete(r.data.id);
    if (r.data.ok) p.resolve(r.data.value);
    else p.reject(new Error(r.data.error));
  });
  const ask = (op: 'info' | 'encrypt' | 'decrypt', data?: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('safeStorage: main did not answer'));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
      parent.postMessage({ type: 'safeStorage', id, op, ...(data !== undefined ? { data } : {}) });
    });
  return {
    info: async () => InfoSchema.parse(await ask('info')),
    encrypt: async (plain) => Buffer.from(B64.parse(await ask('encrypt', plain.toString('base64'))), 'base64'),
    decrypt: async (sealed) => Buffer.from(B64.parse(await ask('decrypt', sealed.toString('base64'))), 'base64'),
  };
}
