import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CentralConfig } from '../config';
import type { CentralContext } from '../services/context';
import { authenticateAccount, authorize, type Actor, type Permission } from '../services/back-office';
import { withContext } from './context';

/**
 * The CLI signs in like anyone else: `login <username>` asks for the password and keeps the account's token (not
 * the password) in a file of the OS user's (mode 0600; CENTRAL_TOKEN_FILE, default ~/.yibao-central/token.json);
 * CENTRAL_TOKEN, when set, is used instead (scripts). Every back-office command then acts as that account, with
 * its roles, and is recorded under it in central's audit. Tokens expire (config backOffice.tokenTtlMinutes).
 */

export interface SavedSession {
  token: string;
  username: string;
  expiresAt: string;
}

export function tokenFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.CENTRAL_TOKEN_FILE ? path.resolve(env.CENTRAL_TOKEN_FILE) : path.join(os.homedir(), '.yibao-central', 'token.json');
}

export function saveSession(s: SavedSession): string {
  const file = tokenFile();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(s)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

export function savedToken(): string | null {
  if (process.env.CENTRAL_TOKEN) return process.env.CENTRAL_TOKEN;
  try {
    const s = JSON.parse(fs.readFileSync(tokenFile(), 'utf8')) as Partial<SavedSession>;
    return typeof s.token === 'string' ? s.token : null;
  } catch {
    return null;
  }
}

export function forgetSession(): void {
  fs.rmSync(tokenFile(), { force: true });
}

/** The signed-in account of this CLI (refused when not signed in, expired, disabled, or without the permission). */
export async function signedIn(ctx: CentralContext, permission: Permission | 'signed-in'): Promise<Actor> {
  const token = savedToken();
  const actor = await authenticateAccount(ctx, token ? `Bearer ${token}` : undefined);
  if (permission !== 'signed-in') authorize(actor, permission);
  return actor;
}

/** Run a back-office command as the signed-in account, if it has the permission. */
export async function withAccount<T>(permission: Permission | 'signed-in', fn: (ctx: CentralContext, actor: Actor) => Promise<T>, overrides: Partial<CentralConfig> = {}): Promise<T> {
  return withContext(async (ctx) => fn(ctx, await signedIn(ctx, permission)), overrides);
}

/**
 * A password: typed without echo at a terminal, or the first line of stdin when it is not one
 * (`printf '%s\n' "$PW" | npm run central -- login wang`).
 */
export async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) {
      text += String(chunk);
      if (text.includes('\n')) break;
    }
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let pw = '';
    const done = (v: string | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (v === null) reject(new Error('已取消'));
      else resolve(v);
    };
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') return done(pw);
        if (ch === '\u0003') return done(null);
        if (ch === '\u007f' || ch === '\b') pw = pw.slice(0, -1);
        else pw += ch;
      }
    };
    stdin.on('data', onData);
  });
}
