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
const RecoverySchema = z.object({
  v: z.literal(1),
  savedAt: z.number().int().positive(),
  ui: z.record(z.string(), UiValueSchema),
  proxy: z.object({ enabled: z.boolean(), name: z.string(), idNumber: z.string(), relationship: z.union([z.literal(''), z.enum(PROXY_RELATIONSHIPS)]), phone: z.string() }),
  received: z.array(z.string()),
});

export interface Recovery {
  savedAt: number;
  ui: UiValues;
  proxy: ProxyUi;
  received: string[];
}

/** One key per clerk and intake: a draft by its id, a new intake by person and item. */
export function recoveryKey(userId: string, target: { draftId: string } | { personId: string; itemCode: string }): string {
  return `${PREFIX}${userId}.${'draftId' in target ? `draft.${target.draftId}` : `new.${target.personId}.${target.itemCode}`}`;
}

export function saveRecovery(store: StorageLike, key: string, r: Recovery): void {
  try {
    store.setItem(key, JSON.stringify({ v: 1, ...r }));
  } catch {
    // storage full or refused: recovery is a safety net, never a reason to interrupt the clerk
  }
}

/** The kept typing, or null when there is none, it is unreadable (then it is dropped) or older than a week. */
export function loadRecovery(store: StorageLike, key: string, now: number): Recovery | null {
  const raw = store.getItem(key);
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const r = RecoverySchema.safeParse(parsed);
  if (!r.success || now - r.data.savedAt > MAX_AGE_MS) {
    store.removeItem(key);
    return null;
  }
  return { savedAt: r.data.savedAt, ui: r.data.ui, proxy: r.data.proxy, received: r.data.received };
}

export function clearRecovery(store: StorageLike, key: string): void {
  store.removeItem(key);
}

/** Drop every entry older than a week (run at sign-in). */
export function pruneRecoveries(store: StorageLike, now: number): void {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const k = store.key(i);
    if (k?.startsWith(PREFIX)) keys.push(k);
  }
  for (const k of keys) loadRecovery(store, k, now);
}
