import { z } from 'zod';
import { PROXY_RELATIONSHIPS } from '../../../../shared/cases/model';
import type { ProxyUi } from './proxy';
import type { UiValues } from './formValues';

/**
 * Typing that has not been saved yet, kept in this workstation's local storage while the clerk types, so a
 * crash, a power cut or a reload in the middle of a long form (twenty invoice lines for an elderly person)
 * loses nothing: the next time the same clerk opens the same intake, the form offers it back. Scans are not
 * kept (too large; the checklist shows they must be added again). Entries are per user and per intake, and
 * are dropped when the intake is saved, when the clerk discards them, and after a week.
 *
 * Nothing personal is in the clear in the browser profile: each entry is sealed with AES-256-GCM under the signed-in
 * user's own key, which the core derives from the station's data key and hands to the user's session at sign-in
 * (keys.localStorageKey); the page holds it in memory only, and forgets it (and the entries it opened) on lock and
 * sign-out. Entry names are random: which person or intake an entry is for is inside the sealed part too. At sign-out
 * the user chooses to keep the sealed entries (for their next sign-in) or drop them.
 *
 *   yibao.intake-recovery.<userId>.<random>  =  "v2." base64(iv(12) | ciphertext | tag)   (AAD: the entry's name)
 */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

const PREFIX = 'yibao.intake-recovery.';
const MAX_AGE_MS = 7 * 86_400_000;

const UiValueSchema = z.union([z.string(), z.array(z.string()), z.array(z.record(z.string(), z.string()))]);
const ProxySchema = z.object({ enabled: z.boolean(), name: z.string(), idNumber: z.string(), relationship: z.union([z.literal(''), z.enum(PROXY_RELATIONSHIPS)]), phone: z.string() });
const RecoveryFields = {
  savedAt: z.number().int().positive(),
  ui: z.record(z.string(), UiValueSchema),
  proxy: ProxySchema,
  received: z.array(z.string()),
};
/** What older versions wrote, in the clear (taken in once, sealed, at the owner's next sign-in; others' dropped). */
const LegacySchema = z.object({ v: z.literal(1), ...RecoveryFields });
const SealedSchema = z.object({ v: z.literal(2), target: z.string().min(1).max(300), ...RecoveryFields });

export interface Recovery {
  savedAt: number;
  ui: UiValues;
  proxy: ProxyUi;
  received: string[];
}

/** One target per clerk and intake: a draft by its id, a new intake by person and item (kept inside the seal). */
export function recoveryKey(userId: string, target: { draftId: string } | { personId: string; itemCode: string }): string {
  return `${userId}.${'draftId' in target ? `draft.${target.draftId}` : `new.${target.personId}.${target.itemCode}`}`;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function randomName(): string {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return toBase64(b).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));
}

function keysWithPrefix(store: StorageLike, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i);
    if (k?.startsWith(prefix)) keys.push(k);
  }
  return keys;
}

/** The signed-in user's sealed entries, opened in memory (load and save are synchronous; writes are sealed behind). */
export class RecoveryVault {
  private key: CryptoKey | null = null;
  private userId: string | null = null;
  private readonly entries = new Map<string, { name: string; r: Recovery }>();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: StorageLike,
    private readonly subtle: SubtleCrypto = crypto.subtle,
  ) {}

  isOpen(): boolean {
    return this.key !== null;
  }

  /**
   * At sign-in: take the user's key and open their entries. Entries that do not open (another key, changed bytes),
   * are older than a week, or were written in the clear by an older version for another user are removed.
   */
  async open(userId: string, keyBase64: string, now: number): Promise<void> {
    this.close();
    const key = await this.subtle.importKey('raw', fromBase64(keyBase64), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
    this.key = key;
    this.userId = userId;
    const mine = `${PREFIX}${userId}.`;
    for (const name of keysWithPrefix(this.store, PREFIX)) {
      const raw = this.store.getItem(name);
      if (raw === null) continue;
      if (!raw.startsWith('v2.')) {
        // Written in the clear by an older version: the owner's is sealed now, anybody else's removed.
        this.store.removeItem(name);
        if (!name.startsWith(mine)) continue;
        const legacy = LegacySchema.safeParse(safeJson(raw));
        if (legacy.success && now - legacy.data.savedAt <= MAX_AGE_MS) {
          const { v: _v, ...r } = legacy.data;
          this.save(`${userId}.${name.slice(mine.length)}`, r);
        }
        continue;
      }
      // Another user's sealed entry cannot be opened here (nor its age known): it waits for their sign-in.
      if (!name.startsWith(mine)) continue;
      const opened = await this.unseal(key, name, raw);
      if (this.key !== key) return; // closed (locked, signed out) while opening
      if (!opened || now - opened.savedAt > MAX_AGE_MS) {
        this.store.removeItem(name);
        continue;
      }
      const { target, v: _v, ...r } = opened;
      this.entries.set(target, { name, r });
    }
  }

  private async unseal(key: CryptoKey, name: string, raw: string): Promise<z.infer<typeof SealedSchema> | null> {
    try {
      const bytes = fromBase64(raw.slice(3));
      const plain = await this.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: new TextEncoder().encode(name) }, key, bytes.slice(12));
      const parsed = SealedSchema.safeParse(safeJson(new TextDecoder().decode(plain)));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private async seal(name: string, target: string, r: Recovery): Promise<string> {
    if (!this.key) throw new Error('vault closed');
    const iv = new Uint8Array(12);
    crypto.getRandomValues(iv);
    const plain = new TextEncoder().encode(JSON.stringify({ v: 2, target, ...r }));
    const ct = new Uint8Array(await this.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(name) }, this.key, plain));
    const all = new Uint8Array(12 + ct.length);
    all.set(iv);
    all.set(ct, 12);
    return `v2.${toBase64(all)}`;
  }

  /** Lock and sign-out: forget the key and everything opened with it (the sealed entries stay in storage). */
  close(): void {
    this.key = null;
    this.userId = null;
    this.entries.clear();
  }

  /** The kept typing for `target`, or null (none, closed, or older than a week — then it is dropped). */
  load(target: string, now: number): Recovery | null {
    const e = this.entries.get(target);
    if (!e) return null;
    if (now - e.r.savedAt > MAX_AGE_MS) {
      this.clear(target);
      return null;
    }
    return e.r;
  }

  /** Keep `r` for `target` (in memory at once; sealed into storage right after). Nothing is kept while closed. */
  save(target: string, r: Recovery): void {
    if (!this.key || !this.userId) return;
    const name = this.entries.get(target)?.name ?? `${PREFIX}${this.userId}.${randomName()}`;
    this.entries.set(target, { name, r });
    this.queue(async () => {
      if (this.entries.get(target)?.r !== r) return; // cleared or replaced meanwhile
      const value = await this.seal(name, target, r);
      if (this.entries.get(target)?.r !== r) return;
      try {
        this.store.setItem(name, value);
      } catch {
        // storage full or refused: recovery is a safety net, never a reason to interrupt the clerk
      }
    });
  }

  clear(target: string): void {
    const e = this.entries.get(target);
    this.entries.delete(target);
    if (e) this.queue(() => this.store.removeItem(e.name));
  }

  /** How many intakes of the signed-in user are kept unsaved. */
  count(): number {
    return this.entries.size;
  }

  /** Sign-out with "drop": remove every entry of the signed-in user. */
  dropAll(): void {
    for (const target of [...this.entries.keys()]) this.clear(target);
    if (this.userId) for (const name of keysWithPrefix(this.store, `${PREFIX}${this.userId}.`)) this.queue(() => this.store.removeItem(name));
  }

  /** Wait for the sealed writes queued so far. */
  flush(): Promise<void> {
    return this.writes;
  }

  private queue(job: () => void | Promise<void>): void {
    this.writes = this.writes.then(job).catch(() => undefined);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

let vault: RecoveryVault | null = null;

/** The page's one vault (over the browser's local storage). */
export function recoveryVault(): RecoveryVault {
  vault ??= new RecoveryVault(localStorage);
  return vault;
}
