import { afterEach, describe, expect, it } from 'vitest';
import { createTestStation, TEST_PASSWORD, type TestStation } from './testing/fixtures';
import { createCore } from './core';
import { newSession } from './session';

/** The core verifies the audit chain as it starts (core.ts → features/audit/verify, incrementally). */
let st: TestStation;
afterEach(() => st?.cleanup());

const lastId = () => st.core.ctx.db.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number;

async function station(): Promise<void> {
  st = await createTestStation();
  await st.as('clerk');
}

describe('audit chain at start', () => {
  it('a start of the core verifies: a row changed while the program was closed shows in the status', async () => {
    await station();
    const { dbPath, clock } = st;
    const last = lastId();
    st.core.close();
    const raw = st.openRaw();
    raw.prepare(`UPDATE audit_log SET detail = '{"forged":true}' WHERE id = ?`).run(last);
    raw.close();
    const core = createCore({ dbPath, clock, log: { error: () => undefined } });
    try {
      const s = newSession();
      await core.router.handle(s, 'auth.signIn', { username: 'zhang.sup', password: TEST_PASSWORD });
      const status = await core.router.handle(s, 'audit.status', {});
      expect(status).toMatchObject({ ok: true, value: { breaks: [{ seq: last, kind: 'row_changed', reported: false }] } });
    } finally {
      core.close();
      st.core = createCore({ dbPath, clock, log: { error: () => undefined } });
    }
  });
});
