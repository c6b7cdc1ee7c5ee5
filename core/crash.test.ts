import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createTestStation, residentId, type TestStation } from './testing/fixtures';
import { AuditRepo } from '../db/repos/audit';

/**
 * Crash safety: a child process creating cases in a loop is killed with SIGKILL at random moments.
 * After reopening, every case whose create call returned is there, the database is intact, and no case
 * number was handed out twice.
 */
let st: TestStation;

beforeAll(async () => {
  st = await createTestStation();
  const clerk = await st.as('clerk');
  await st.call(clerk, 'persons.register', { idNumber: residentId('1950-01-01', 1), name: '张三' });
  st.core.close();
});
afterAll(() => st.cleanup());

function runAndKill(dbPath: string, killAfterMs: number): Promise<{ reported: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/testing/crash-child.ts', dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (timer === undefined && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (timer === undefined) return reject(new Error(`child ended before it was ready: ${err}`));
      const lines = out.split('\n');
      lines.pop(); // a line cut by the kill is not a returned call
      resolve({ reported: lines.filter((l) => l !== 'ready'), signal });
    });
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged case across SIGKILLs at random moments', async () => {
    const all: string[] = [];
    for (let round = 0; round < 5; round++) {
      const { reported, signal } = await runAndKill(st.dbPath, 150 + Math.floor(Math.random() * 600));
      expect(signal).toBe('SIGKILL');
      all.push(...reported);
      const db = st.openRaw();
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Map((db.prepare('SELECT id, case_no FROM cases').all() as { id: string; case_no: string }[]).map((r) => [r.id, r.case_no]));
      for (const line of all) {
        const [id, caseNo] = line.split(' ');
        expect(stored.get(id!)).toBe(caseNo);
      }
      const dup = db.prepare('SELECT case_no, count(*) AS n FROM cases GROUP BY case_no HAVING n > 1').all();
      expect(dup).toEqual([]);
      // Every case has its history and its outbox op: the write path is all-or-nothing.
      expect(db.prepare('SELECT count(*) AS n FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id)').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM cases c WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.case_id = c.id)').get()).toEqual({ n: 0 });
      expect(new AuditRepo(db).verify().ok).toBe(true);
      db.close();
    }
    expect(all.length).toBeGreaterThan(20);
  }, 120_000);
});
