import path from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { nowInstant } from '../../shared/time';
import { OFFICIAL_CALENDAR_YEARS } from '../../shared/calendar';
import type { Case } from '../../shared/cases/model';
import { SyncErrorSchema } from '../../shared/sync/errors';
import { AccountSchema, AuditPageResponseSchema, AuditVerifyResponseSchema, CentralCaseSchema, LoginResponseSchema, PayoutPendingSchema } from '../../shared/sync/admin';
import type { CentralCaseState } from '../../shared/sync/changes';
import { describeBackends } from '../testing/backends';
import { Harness } from '../testing/harness';
import type { TestStation } from '../testing/station';
import { TEST_ACCOUNTS, TEST_PASSWORD, type TestAccount } from '../testing/back-office';
import { INPATIENT_ALL, inpatientForm, windowPerson } from '../testing/fixtures';
import { verifyAudit } from '../services/back-office';

/**
 * The back office of named people: each account signs in for itself, its roles decide what it may do, a decision
 * is recorded under it (never under a name the caller writes), a large payout needs a second payer, and every
 * back-office action is in central's hash-chained audit.
 */
describeBackends('back office of named accounts ($name)', (backend) => {
  let h: Harness;
  let s: TestStation;
  let cursor: string;
  beforeEach(async () => {
    h = await Harness.create(backend);
    s = await h.enroll('TOWN01');
    cursor = '0';
  });
  afterEach(() => h?.close());

  const as = async <T = unknown>(who: TestAccount, method: 'GET' | 'POST', url: string, body?: unknown) =>
    h.inject<T>({ method, url, headers: { authorization: `Bearer ${await h.signIns.token(who)}` }, ...(body === undefined ? {} : { payload: body as object }) });

  async function submitted(invoice = 'FP0001'): Promise<Case> {
    const person = windowPerson(h.newId(), 1, nowInstant(h.clock));
    const c = s.newCase('inpatient_reimbursement', 'reimbursement', person.id, inpatientForm([invoice]), INPATIENT_ALL);
    const acc = s.next(c, { status: 'accepted' });
    const r = await s.pushOk([s.op('person.registered', null, { person }, null), s.caseOp('case.created', null, c), s.caseOp('case.accept', c, acc)]);
    expect(r.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']);
    return acc;
  }

  async function statuses(): Promise<CentralCaseState[]> {
    const r = await s.pullAll(cursor);
    cursor = r.cursor;
    return r.changes.filter((c) => c.kind === 'case.status').map((c) => c.data as CentralCaseState);
  }

  async function audit() {
    return AuditPageResponseSchema.parse((await as('administrator', 'GET', '/v1/admin/audit?limit=1000')).body).entries;
  }

  it('a reviewer cannot pay, a payer cannot review, an administrator cannot read cases', async () => {
    const c = await submitted();
    const pay = await as('reviewer', 'POST', `/v1/admin/cases/${c.id}/complete`, { payoutFen: 1000 });
    expect(pay.status).toBe(403);
    expect(SyncErrorSchema.parse(pay.body).message).toContain('支付');
    expect((await as('payer', 'POST', `/v1/admin/cases/${c.id}/approve`, {})).status).toBe(403);
    expect((await as('administrator', 'GET', `/v1/admin/cases/${c.id}`)).status).toBe(403);
    expect((await as('reviewer', 'POST', '/v1/admin/publish/calendar', { years: [] })).status).toBe(403);
    expect((await as('publisher', 'POST', '/v1/admin/stations/TOWN09/codes', { regionCode: '371002' })).status).toBe(403);
    // Nothing happened to the case; its reviewer can approve it, its payer complete it.
    expect((await h.store.caseById(c.id))?.status).toBe('submitted');
    expect((await as('reviewer', 'POST', `/v1/admin/cases/${c.id}/approve`, {})).status).toBe(200);
    expect((await as('payer', 'POST', `/v1/admin/cases/${c.id}/complete`, { payoutFen: 1000 })).status).toBe(200);
  });

  it('ignores a self-declared reviewer name: the decision is the signed-in account’s', async () => {
    const c = await submitted();
    const r = await as('reviewer', 'POST', `/v1/admin/cases/${c.id}/approve`, { note: '同意', reviewer: '张局长(伪)' });
    expect(r.status).toBe(200);
    expect(CentralCaseSchema.parse(r.body).decidedBy).toBe(TEST_ACCOUNTS.reviewer.displayName);
    const pulled = await statuses();
    expect(pulled[pulled.length - 1]).toMatchObject({ status: 'approved', decidedBy: '李审核' });
    expect(JSON.stringify(pulled)).not.toContain('张局长');
    const row = (await audit()).find((a) => a.action === 'case.approve');
    expect(row).toMatchObject({ accountId: h.signIns.account('reviewer').id, accountName: 'li.shenhe', entityId: c.id });
    expect(JSON.stringify(await audit())).not.toContain('张局长');
  });

  it('a payout above the threshold waits for a second payer; the one who asked cannot confirm it alone', async () => {
    const threshold = h.ctx.config.backOffice.payoutConfirmAboveFen;
    const big = threshold + 1;
    const c = await submitted();
    await as('reviewer', 'POST', `/v1/admin/cases/${c.id}/approve`, { note: '材料齐全' });
    await statuses();

    const asked = await as('payer', 'POST', `/v1/admin/cases/${c.id}/complete`, { payoutFen: big, note: '大额' });
    expect(asked.status).toBe(202);
    expect(PayoutPendingSchema.parse(asked.body)).toMatchObject({ status: 'awaiting-confirmation', payoutFen: big, thresholdFen: threshold, requestedBy: '中心后台' });
    // Not completed, and the station hears nothing.
    expect((await h.store.caseById(c.id))?.status).toBe('approved');
    expect(await statuses()).toEqual([]);

    const alone = await as('payer', 'POST', `/v1/admin/cases/${c.id}/confirm-payout`, { payoutFen: big });
    expect(alone.status).toBe(403);
    expect(SyncErrorSchema.parse(alone.body).message).toContain('另一名');
    expect((await as('reviewer', 'POST', `/v1/admin/cases/${c.id}/confirm-payout`, { payoutFen: big })).status).toBe(403);
    const wrong = await as('payer2', 'POST', `/v1/admin/cases/${c.id}/confirm-payout`, { payoutFen: big - 1 });
    expect(wrong.status).toBe(400);
    expect(SyncErrorSchema.parse(wrong.body).field).toBe('payoutFen');
    expect((await h.store.caseById(c.id))?.status).toBe('approved');
    expect(await statuses()).toEqual([]);

    const ok = await as('payer2', 'POST', `/v1/admin/cases/${c.id}/confirm-payout`, { payoutFen: big });
    expect(ok.status).toBe(200);
    expect(CentralCaseSchema.parse(ok.body)).toMatchObject({ status: 'completed', payoutFen: big });
    const [done] = await statuses();
    expect(done).toMatchObject({ status: 'completed', payoutFen: big, note: '大额', decidedBy: '中心后台（复核：赵复核）' });
    // Confirmed once: there is nothing left to confirm.
    expect((await as('payer2', 'POST', `/v1/admin/cases/${c.id}/confirm-payout`, { payoutFen: big })).status).toBe(404);

    const rows = await audit();
    const actions = rows.filter((r) => r.entityId === c.id).map((r) => [r.action, r.accountName]);
    expect(actions).toEqual([
      ['case.approve', 'li.shenhe'],
      ['payout.request', 'payer'],
      ['payout.self_confirm_refused', 'payer'],
      ['payout.confirm', 'zhao.fuhe'],
    ]);
    // A payout at or below the threshold is one payer's to make.
    const small = await submitted('FP0002');
    await as('reviewer', 'POST', `/v1/admin/cases/${small.id}/approve`, {});
    expect((await as('payer', 'POST', `/v1/admin/cases/${small.id}/complete`, { payoutFen: threshold })).status).toBe(200);
  });

  it('a pending payout is void when the case moved on since it was asked for', async () => {
    const c = await submitted();
    await as('reviewer', 'POST', `/v1/admin/cases/${c.id}/approve`, {});
    const big = h.ctx.config.backOffice.payoutConfirmAboveFen + 500;
    expect((await as('payer', 'POST', `/v1/admin/cases/${c.id}/complete`, { payoutFen: big })).status).toBe(202);
    // Someone completes it another way meanwhile (a smaller amount, one payer): the request goes with it.
    expect((await as('payer2', 'POST', `/v1/admin/cases/${c.id}/complete`, { payoutFen: 100 })).status).toBe(200);
    expect((await as('payer2', 'POST', `/v1/admin/cases/${c.id}/confirm-payout`, { payoutFen: big })).status).toBe(404);
    expect((await h.store.caseById(c.id))?.payoutFen).toBe(100);
  });

  it('signs in with a password: wrong ones are counted and lock the account; tokens expire and end on logout or disable', async () => {
    const login = (username: string, password: string) => h.inject({ method: 'POST', url: '/v1/admin/login', payload: { username, password } });
    const ok = await login('li.shenhe', TEST_PASSWORD);
    expect(ok.status).toBe(200);
    const session = LoginResponseSchema.parse(ok.body);
    expect(session.account).toMatchObject({ username: 'li.shenhe', roles: ['reviewer'] });
    const me = (token: string) => h.inject({ method: 'GET', url: '/v1/admin/me', headers: { authorization: `Bearer ${token}` } });
    expect(AccountSchema.parse((await me(session.token)).body).displayName).toBe('李审核');
    // The token is kept only as its hash.
    expect(JSON.stringify(await h.store.backOffice.tokenByHash(session.token))).toBe('null');

    expect((await login('li.shenhe', 'not-the-password')).status).toBe(401);
    expect((await login('nobody.here', TEST_PASSWORD)).status).toBe(401);
    for (let i = 0; i < 4; i++) await login('li.shenhe', 'not-the-password');
    const locked = await login('li.shenhe', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(SyncErrorSchema.parse(locked.body).message).toContain('锁定');
    h.clock.advance(16 * 60_000);
    expect((await login('li.shenhe', TEST_PASSWORD)).status).toBe(200);

    // Expiry.
    expect((await me(session.token)).status).toBe(200);
    h.clock.advance(h.ctx.config.backOffice.tokenTtlMinutes * 60_000);
    const expired = await me(session.token);
    expect(expired.status).toBe(401);
    expect(SyncErrorSchema.parse(expired.body).message).toContain('过期');

    // Logout.
    const again = LoginResponseSchema.parse((await login('li.shenhe', TEST_PASSWORD)).body);
    expect((await h.inject({ method: 'POST', url: '/v1/admin/logout', headers: { authorization: `Bearer ${again.token}` } })).status).toBe(204);
    expect((await me(again.token)).status).toBe(401);

    // Disabled by an administrator: its sign-ins end, and it cannot sign in.
    const third = LoginResponseSchema.parse((await login('li.shenhe', TEST_PASSWORD)).body);
    // (The administrator signs in again: the clock moved past its sign-in too.)
    expect((await h.admin('POST', '/v1/admin/accounts/li.shenhe', { state: 'disabled' }, 'administrator')).status).toBe(200);
    expect((await me(third.token)).status).toBe(401);
    expect((await login('li.shenhe', TEST_PASSWORD)).status).toBe(403);
  });

  it('administrators manage accounts; the last administrator stays one', async () => {
    const made = await as('administrator', 'POST', '/v1/admin/accounts', { username: 'wang.fabu', displayName: '王发布', roles: ['publisher'], password: 'a-good-long-password' });
    expect(made.status).toBe(201);
    expect((await as('administrator', 'POST', '/v1/admin/accounts', { username: 'wang.fabu', displayName: '王', roles: ['publisher'], password: 'a-good-long-password' })).status).toBe(409);
    const bad = await as('administrator', 'POST', '/v1/admin/accounts', { username: 'Wang Fabu', displayName: '王', roles: ['publisher'], password: 'short' });
    expect(SyncErrorSchema.parse(bad.body)).toMatchObject({ code: 'invalid-request', field: 'username' });
    const wrongType = await as('administrator', 'POST', '/v1/admin/accounts', { username: 'li.si', displayName: '李四', roles: 'publisher', password: 'a-good-long-password' });
    expect(SyncErrorSchema.parse(wrongType.body).message).toContain('类型不对');
    expect((await as('reviewer', 'POST', '/v1/admin/accounts', { username: 'li.si', displayName: '李四', roles: ['administrator'], password: 'a-good-long-password' })).status).toBe(403);
    const last = await as('administrator', 'POST', '/v1/admin/accounts/admin', { state: 'disabled' });
    expect(last.status).toBe(409);
    expect(SyncErrorSchema.parse(last.body).message).toContain('最后一个管理员');
    const list = (await as<{ accounts: { username: string }[] }>('administrator', 'GET', '/v1/admin/accounts')).body.accounts.map((a) => a.username);
    expect(list).toContain('wang.fabu');
  });

  it('records every back-office action in a hash chain that shows any change', async () => {
    const c = await submitted();
    await as('reviewer', 'GET', `/v1/admin/cases/${c.id}`);
    await as('reviewer', 'POST', `/v1/admin/cases/${c.id}/return`, { note: '请补充' });
    await as('administrator', 'POST', '/v1/admin/stations/TOWN02/codes', { regionCode: '371002' });
    await as('administrator', 'POST', '/v1/admin/stations/TOWN02/revoke');
    expect((await as('publisher', 'POST', '/v1/admin/publish/calendar', { years: OFFICIAL_CALENDAR_YEARS })).status).toBe(200);
    await as('administrator', 'POST', '/v1/admin/changes/prune');
    const rows = await audit();
    const seen = new Set(rows.map((r) => r.action));
    for (const a of ['account.create', 'account.login', 'case.view', 'case.return', 'station.issue_code', 'station.revoke', 'publish.calendar', 'changes.prune']) expect(seen, a).toContain(a);
    expect(rows.map((r) => r.id)).toEqual(rows.map((_, i) => i + 1));
    // Personal data stays out of the audit: ids, not names or ID numbers.
    expect(JSON.stringify(rows)).not.toMatch(/371002\d{12}/);
    expect(AuditVerifyResponseSchema.parse((await as('administrator', 'GET', '/v1/admin/audit/verify')).body)).toMatchObject({ ok: true });
    expect((await as('reviewer', 'GET', '/v1/admin/audit')).status).toBe(403);

    // Someone with the database alters a row, then deletes one: the chain says where.
    const target = rows.find((r) => r.action === 'case.return')!;
    await sql(`UPDATE backoffice_audit SET account_name = 'someone.else' WHERE id = ${target.id}`);
    expect(await verifyAudit(h.ctx)).toMatchObject({ ok: false, brokenAt: target.id });
    await sql(`UPDATE backoffice_audit SET account_name = '${target.accountName}' WHERE id = ${target.id}`);
    expect((await verifyAudit(h.ctx)).ok).toBe(true);
    await sql(`DELETE FROM backoffice_audit WHERE id = ${target.id}`);
    expect(await verifyAudit(h.ctx)).toMatchObject({ ok: false, brokenAt: target.id });
  });

  /** SQL on the store's database, behind the store's back (what an attacker with the database could do). */
  async function sql(text: string): Promise<void> {
    if (backend.name === 'sqlite') {
      const db = new Database(path.join(h.dataDir, 'central.sqlite'));
      try {
        db.exec(text);
      } finally {
        db.close();
      }
    } else {
      await (h.store as unknown as { pool: pg.Pool }).pool.query(text);
    }
  }
});
