import { configFromEnv, type CentralConfig } from '../config';
import { createContext, type CentralContext } from '../services/context';
import { openStore } from '../store/open';

/** Run a back-office command against the configured store (SQLite in CENTRAL_DATA_DIR, or DATABASE_URL). */
export async function withContext<T>(fn: (ctx: CentralContext) => Promise<T>, overrides: Partial<CentralConfig> = {}): Promise<T> {
  const config = configFromEnv(process.env, overrides);
  const store = await openStore(config);
  try {
    return await fn(await createContext(store, config));
  } finally {
    await store.close();
  }
}

/** Print a line for the operator. */
export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** A usage mistake: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

export function need<T>(v: T | undefined, what: string): T {
  if (v === undefined || v === '') throw new UsageError(`缺少${what}`);
  return v;
}

export function intOption(v: string | undefined, what: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`${what}应为非负整数：${v}`);
  return Number(v);
}
