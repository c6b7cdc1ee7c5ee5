import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finishRestore, restoreStaging, RESTORE_READY } from './restore';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A data directory holding a fresh install's (empty) store, and a verified restore staged beside it. */
function staged(): { dir: string; db: string; attachments: string } {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-restore-'));
  dirs.push(dir);
  const db = join(dir, 'station.sqlite');
  const attachments = join(dir, 'attachments');
  writeFileSync(db, 'fresh store');
  writeFileSync(`${db}-wal`, 'fresh wal');
  writeFileSync(join(dir, 'station-keys.json'), 'fresh keys');
  mkdirSync(join(attachments, 'ab'), { recursive: true });
  writeFileSync(join(attachments, 'ab', 'fresh'), 'x');
  const s = restoreStaging(dir);
  mkdirSync(join(s, 'attachments', 'cd'), { recursive: true });
  writeFileSync(join(s, 'station.sqlite'), 'restored store');
  writeFileSync(join(s, 'station-keys.json'), 'restored keys');
  writeFileSync(join(s, 'attachments', 'cd', 'restored'), 'y');
  return { dir, db, attachments };
}

describe('moving a staged restore into place', () => {
  it('does nothing without the READY marker (a restore cut short before everything was checked)', () => {
    const { dir, db, attachments } = staged();
    expect(finishRestore(dir, db, attachments)).toBe(false);
    expect(readFileSync(db, 'utf8')).toBe('fresh store');
  });

  it('moves the store, its keys and its attachments, drops the old WAL, and removes the staging folder', () => {
    const { dir, db, attachments } = staged();
    writeFileSync(join(restoreStaging(dir), RESTORE_READY), '{}');
    expect(finishRestore(dir, db, attachments)).toBe(true);
    expect(readFileSync(db, 'utf8')).toBe('restored store');
    expect(existsSync(`${db}-wal`)).toBe(false);
    expect(readFileSync(join(dir, 'station-keys.json'), 'utf8')).toBe('restored keys');
    expect(existsSync(join(attachments, 'cd', 'restored'))).toBe(true);
    expect(existsSync(join(attachments, 'ab', 'fresh'))).toBe(false);
    expect(existsSync(restoreStaging(dir))).toBe(false);
  });

  it('finishes a move a crash cut short at any point (each step is a rename, skipped once done)', () => {
    // Crash after the store moved, before the keys and attachments did.
    const a = staged();
    writeFileSync(join(restoreStaging(a.dir), RESTORE_READY), '{}');
    rmSync(`${a.db}-wal`);
    renameSync(join(restoreStaging(a.dir), 'station.sqlite'), a.db);
    expect(finishRestore(a.dir, a.db, a.attachments)).toBe(true);
    expect(readFileSync(join(a.dir, 'station-keys.json'), 'utf8')).toBe('restored keys');
    expect(existsSync(join(a.attachments, 'cd', 'restored'))).toBe(true);
    // Crash between moving the old attachments aside and moving the new ones in.
    const b = staged();
    const s = restoreStaging(b.dir);
    writeFileSync(join(s, RESTORE_READY), '{}');
    renameSync(b.attachments, join(s, 'attachments.replaced'));
    expect(finishRestore(b.dir, b.db, b.attachments)).toBe(true);
    expect(readFileSync(b.db, 'utf8')).toBe('restored store');
    expect(existsSync(join(b.attachments, 'cd', 'restored'))).toBe(true);
    expect(existsSync(s)).toBe(false);
  });
});
