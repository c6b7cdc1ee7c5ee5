import { chmodSync, closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Files the station writes are the owner's only (0600) in folders only the owner can enter (0700). */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Make a folder (and its parents) owner-only; an existing one is narrowed to 0700. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: DIR_MODE });
  if (process.platform !== 'win32') chmodSync(path, DIR_MODE);
}

/** fsync a folder, so a rename or a new file in it survives a power cut (a no-op where folders cannot be synced). */
export function fsyncDir(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Write a whole file durably: a temp file beside it (0600), fsync, rename over (a crash leaves the old file or the new). */
export function writeFileDurably(path: string, bytes: Uint8Array): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', FILE_MODE);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dir);
}

/** Narrow every file under `root` to 0600 and every folder to 0700 (symlinks are left alone). Returns how many changed. */
export function narrowTree(root: string): number {
  if (process.platform === 'win32' || !existsSync(root)) return 0;
  let changed = 0;
  const walk = (path: string) => {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    const want = st.isDirectory() ? DIR_MODE : FILE_MODE;
    if ((st.mode & 0o777) !== want) {
      chmodSync(path, want);
      changed += 1;
    }
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(root);
  return changed;
}
