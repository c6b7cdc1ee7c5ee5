import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createTestStation, residentId, TEST_PASSWORD, type TestStation } from './testing/fixtures';
import { newSession, type Session } from './session';
import { ACCESS, isPublic, scopeOf, FORBIDDEN_SCOPE_MESSAGE, type Scope } from '../shared/access';
import { CHANNEL_NAMES, type ChannelName } from '../shared/api/contract';
import { ROLES, type Role } from '../shared/roles';
import type { ApiError } from '../shared/api/errors';

/**
 * Least privilege, every cell: every channel × every role × own and other data. A role the table does not name is
 * refused `forbidden` and nothing changes; a role it names reaches its own data, and another user's data only with
 * a station scope — a helper (handled) or a mobile team (trip) is refused `forbidden` with a Chinese message, and
 * nothing changes. Each call writes only the audit actions its row declares.
 */

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');

let st: TestStation;
const sessions = {} as Record<Role, Session>;
let clerkSession: Session;

interface Target {
  caseId: string;
  personId: string;
  attachmentId: string;
}

/** What a channel touches: a case, an attachment, a person, a list narrowed by scope, or nobody's data. */
type Kind = 'case' | 'attachment' | 'person' | 'list' | 'none';

/**
 * The channels of this file's issue (13) and those before it; a channel another issue adds is checked here for its
 * roles (a role not named is refused, a role named is not refused for access) and its own tests check its scope.
 */
const KIND: Partial<Record<ChannelName, Kind>> = {
  'setup.status': 'none',
  'setup.initialize': 'none',
  'auth.signIn': 'none',
  'auth.signOut': 'none',
  'auth.me': 'none',
  'auth.changePassword': 'none',
  'users.list': 'none',
  'users.create': 'none',
  'users.resetPassword': 'none',
  'users.setDisabled': 'none',
  'users.setRole': 'none',
  'persons.search': 'list',
  'persons.get': 'person',
  'persons.findByIdNumber': 'none',
  'persons.register': 'none',
  'persons.update': 'person',
  'catalog.list': 'none',
  'catalog.get': 'none',
  'cases.create': 'none',
  'cases.intake': 'none',
  'cases.updateDraft': 'case',
  'cases.accept': 'case',
  'cases.recordMaterials': 'case',
  'cases.withdraw': 'case',
  'cases.resubmit': 'case',
  'cases.handOut': 'case',
  'cases.acknowledgeRefusal': 'case',
  'cases.get': 'case',
  'cases.saveEstimate': 'case',
  'cases.saveLtcAssessment': 'case',
  'cases.estimates': 'case',
  'cases.revealField': 'case',
  'cases.assignHandler': 'case',
  'queue.list': 'list',
  'queue.counts': 'list',
  'attachments.add': 'case',
  'attachments.list': 'case',
  'attachments.get': 'attachment',
  'policy.estimate': 'person',
  'policy.tables': 'none',
  'sync.status': 'list',
  'sync.now': 'none',
  'sync.enroll': 'none',
  'sync.exportBundle': 'none',
  'sync.relayBundle': 'none',
  'audit.list': 'none',
  'audit.verify': 'none',
  'audit.export': 'none',
  'audit.status': 'none',
  'keys.lockStatus': 'none',
  'keys.unlock': 'none',
  'keys.status': 'none',
  'keys.issueRecoveryKey': 'none',
  'keys.confirmWeakProtection': 'none',
  'keys.localStorageKey': 'none',
  'backup.status': 'none',
  'backup.configure': 'none',
  'backup.run': 'none',
  'backup.list': 'none',
  'backup.inspect': 'none',
  'backup.restore': 'none',
  'tickets.hall': 'none',
  'tickets.saveHall': 'none',
  'tickets.issue': 'none',
  'tickets.checkIn': 'none',
  'tickets.board': 'none',
  'tickets.window': 'none',
  'tickets.call': 'none',
  'tickets.recall': 'none',
  'tickets.skip': 'none',
  'tickets.finish': 'none',
  'tickets.transfer': 'none',
  'tickets.linkCase': 'none',
  'tickets.list': 'none',
  'tickets.appointments': 'none',
  'tickets.book': 'none',
  'tickets.cancelAppointment': 'none',
  'ratings.prompt': 'none',
  'ratings.submit': 'none',
  'ratings.request': 'none',
  'ratings.list': 'none',
  'ratings.followUps': 'none',
  'ratings.visit': 'none',
  'ratings.rectify': 'none',
  'ratings.appeal': 'none',
  'ratings.decideAppeal': 'none',
  'stats.figures': 'none',
  'stats.export': 'none',
  'devices.list': 'none',
  'devices.issue': 'none',
  'devices.revoke': 'none',
  'devices.signIn': 'none',
  'devices.me': 'none',
};

/** Channels whose allowed calls are not made here (they start work elsewhere or change the station's keys). */
const NOT_CALLED_WHEN_ALLOWED: ReadonlySet<ChannelName> = new Set([
  'setup.initialize',
  'auth.signOut',
  'auth.changePassword',
  'sync.now',
  'sync.enroll',
  'sync.relayBundle',
  'keys.unlock',
  'keys.issueRecoveryKey',
  'keys.confirmWeakProtection',
  'backup.configure',
  'backup.run',
  'backup.restore',
]);

function fingerprint(): string {
  const h = createHash('sha256');
  for (const f of [st.dbPath, `${st.dbPath}-wal`]) if (existsSync(f)) h.update(readFileSync(f));
  return h.digest('hex');
}

const version = (caseId: string) => (st.core.ctx.db.prepare('SELECT version FROM cases WHERE id = ?').get(caseId) as { version: number }).version;
const auditCount = () => (st.core.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
const auditSince = (n: number) => st.core.ctx.db.prepare('SELECT action, actor_id AS actorId, detail FROM audit_log WHERE id > ? ORDER BY id').all(n) as { action: string; actorId: string | null; detail: string }[];

let seq = 100;
/** A person of the station with a draft case taken in by `by`. */
async function caseBy(by: Session): Promise<Target> {
  seq += 1;
  const person = await st.call(sessions.clerk, 'persons.register', { idNumber: residentId('1958-04-05', seq), name: `张测试${[...String(seq)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}` });
  const created = await st.call(by, 'cases.create', { itemCode: 'resident_enrollment', personId: person.id, form: {} });
  const att = await st.call(by, 'attachments.add', { caseId: created.case.id, version: created.case.version, fileName: 'id.png', mime: 'image/png', dataBase64: PNG });
  return { caseId: created.case.id, personId: person.id, attachmentId: att.attachment.id };
}

/** A valid input of every channel that touches a target. */
function inputFor(channel: ChannelName, t: Target): unknown {
  const v = version(t.caseId);
  switch (channel) {
    case 'cases.updateDraft':
      return { caseId: t.caseId, version: v, form: {} };
    case 'cases.accept':
      return { caseId: t.caseId, version: v };
    case 'cases.recordMaterials':
      return { caseId: t.caseId, version: v, received: ['valid_id'] };
    case 'cases.withdraw':
      return { caseId: t.caseId, version: v, reason: '当事人撤回' };
    case 'cases.resubmit':
      return { caseId: t.caseId, version: v, reason: '补正' };
    case 'cases.handOut':
    case 'cases.acknowledgeRefusal':
      return { caseId: t.caseId, version: v };
    case 'cases.get':
    case 'cases.estimates':
    case 'attachments.list':
      return { caseId: t.caseId };
    case 'cases.revealField':
      return { caseId: t.caseId, field: 'bankAccount' };
    case 'cases.saveEstimate':
      return { caseId: t.caseId, version: v, kind: 'contribution', input: { residentTier: 'tier1', year: 2026 } };
    case 'cases.saveLtcAssessment':
      return { caseId: t.caseId, version: v, assessors: ['甲', '乙'], assessmentDate: '2026-11-20', adl: {}, cognition: {}, perception: {} };
    case 'cases.assignHandler':
      return { caseId: t.caseId, userId: helper2, named: true };
    case 'attachments.add':
      return { caseId: t.caseId, version: v, fileName: 'more.png', mime: 'image/png', dataBase64: PNG };
    case 'attachments.get':
      return { id: t.attachmentId };
    case 'persons.get':
      return { id: t.personId };
    case 'persons.update':
      return { id: t.personId, phone: '13900001111' };
    case 'policy.estimate':
      return { kind: 'contribution', input: { year: 2026 }, personId: t.personId };
    default:
      throw new Error(`no target input for ${channel}`);
  }
}

/** A valid input of every channel that touches nobody's data in particular. */
function plainInput(channel: ChannelName): unknown {
  const anyone = target;
  const inputs: Partial<Record<ChannelName, unknown>> = {
    'setup.initialize': { station: { code: 'TOWN09', name: '站', regionCode: '371002' }, supervisor: { username: 'boss2', displayName: '站长', password: 'abcdefgh12' } },
    'auth.signIn': { username: 'nobody-here', password: 'x' },
    'auth.changePassword': { currentPassword: 'x', newPassword: 'new-pass-2026' },
    'users.create': { username: `u${seq++}`, displayName: '新用户', role: 'clerk', password: 'abcdefgh12' },
    'users.resetPassword': { userId: anyone, newPassword: 'reset-pass-2026' },
    'users.setDisabled': { userId: anyone, disabled: false },
    'users.setRole': { userId: anyone, role: 'clerk' },
    'persons.findByIdNumber': { idNumber: residentId('1960-01-01', 2) },
    'persons.register': { idNumber: residentId('1961-02-03', seq++), name: '李登记' },
    'catalog.list': { family: 'care' },
    'catalog.get': { code: 'ltc_application' },
    'cases.create': { itemCode: 'resident_enrollment', personId: shared.personId, form: {} },
    'cases.intake': { itemCode: 'resident_enrollment', personId: shared.personId, form: {}, materialsReceived: [] },
    'persons.search': { q: '张测试' },
    'queue.list': { filter: {}, page: { offset: 0, limit: 50 } },
    'sync.enroll': { centralUrl: 'http://127.0.0.1:9/', code: 'ABC123' },
    'sync.relayBundle': { fileName: 'a.ybb', dataBase64: 'WUJC' },
    'audit.list': { filter: {}, page: { offset: 0, limit: 20 } },
    'audit.export': { filter: {}, format: 'csv' },
    'keys.unlock': { recoveryKey: '000000-000000-000000-000000-000000-000000-000000-000000' },
    'backup.configure': { folder: '/tmp', daily: true },
    'backup.inspect': { folder: '/nonexistent-yibao' },
    'backup.restore': { path: '/tmp/none', recoveryKey: '000000-000000-000000-000000-000000-000000-000000-000000' },
  };
  return inputs[channel] ?? {};
}

let shared: Target;
/** A second helper (named on cases by the cells of cases.assignHandler) and an account the users.* cells change. */
let helper2: string;
let target: string;
/** Per role: a case it took in (own) and one the clerk took in (other). */
const own = {} as Record<Role, Target>;
let other: Target;

beforeAll(async () => {
  st = await createTestStation();
  for (const role of ROLES) sessions[role] = await st.as(role);
  clerkSession = sessions.clerk;
  helper2 = (await st.call(sessions.supervisor, 'users.create', { username: 'helper2', displayName: '帮办二', role: 'proxy_helper', password: TEST_PASSWORD })).id;
  target = (await st.call(sessions.supervisor, 'users.create', { username: 'target1', displayName: '被改账号', role: 'clerk', password: TEST_PASSWORD })).id;
  shared = await caseBy(clerkSession);
  other = await caseBy(clerkSession);
  for (const role of ROLES) own[role] = await caseBy(sessions[role]);
}, 60_000);
afterAll(() => st.cleanup());

const isForbidden = (r: { ok: boolean; error?: ApiError }) => !r.ok && r.error?.code === 'forbidden';

describe('the access table', () => {
  it('has a row for every channel', () => {
    expect(Object.keys(ACCESS).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const c of Object.keys(KIND)) expect(CHANNEL_NAMES).toContain(c);
  });

  it('says what the issue asks: helpers their cases, mobile teams their trip, clerks the station, supervisors the rest', () => {
    for (const c of ['cases.get', 'cases.accept', 'attachments.get', 'persons.search', 'persons.get', 'queue.list'] as const) {
      expect([c, scopeOf(c, 'proxy_helper')]).toEqual([c, 'handled']);
      expect([c, scopeOf(c, 'mobile_team')]).toEqual([c, 'trip']);
      expect([c, scopeOf(c, 'clerk')]).toEqual([c, 'station']);
    }
    for (const c of ['users.create', 'users.resetPassword', 'users.setDisabled', 'users.setRole', 'policy.tables', 'sync.enroll', 'audit.list', 'audit.verify', 'audit.export'] as const) {
      expect([c, ROLES.filter((r) => scopeOf(c, r) !== null)]).toEqual([c, ['supervisor']]);
    }
    // Clerks change only what the status machine lets them: the table names them, the machine decides the rest.
    expect(scopeOf('cases.withdraw', 'proxy_helper')).toBeNull();
  });
});

describe('a role the table does not name is refused, and nothing changes', () => {
  const cells = CHANNEL_NAMES.flatMap((c) => ROLES.filter((r) => !isPublic(c) && scopeOf(c, r) === null).map((r) => [c, r] as const));
  it.each(cells)('%s × %s', async (channel, role) => {
    const input = KIND[channel] === 'case' || KIND[channel] === 'attachment' || KIND[channel] === 'person' ? inputFor(channel, other) : plainInput(channel);
    const before = fingerprint();
    const r = await st.callRaw(sessions[role], channel, input);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(fingerprint()).toBe(before);
  });
});

describe('a named role reaches its own data; others’ only with a station scope', () => {
  const cells = CHANNEL_NAMES.filter((c) => ['case', 'attachment', 'person'].includes(KIND[c] ?? 'none')).flatMap((c) =>
    ROLES.filter((r) => scopeOf(c, r) !== null).flatMap((r) => [[c, r, 'own'] as const, [c, r, 'other'] as const]),
  );
  it.each(cells)('%s × %s × %s data', async (channel, role, whose) => {
    const scope = scopeOf(channel, role) as Scope;
    const target = whose === 'own' ? own[role] : other;
    const before = fingerprint();
    const auditBefore = auditCount();
    const r = await st.callRaw(sessions[role], channel, inputFor(channel, target));
    if (whose === 'other' && (scope === 'handled' || scope === 'trip')) {
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: FORBIDDEN_SCOPE_MESSAGE } });
      expect(fingerprint()).toBe(before);
      return;
    }
    // Reached: the call may still be refused for its own reasons (a draft cannot be handed out), never for access.
    expect(isForbidden(r), JSON.stringify(r)).toBe(false);
    const declared: readonly string[] = ACCESS[channel].audit;
    for (const row of auditSince(auditBefore)) {
      expect(declared, `${channel} wrote ${row.action}`).toContain(row.action);
      expect(row.actorId).toBe(sessions[role].user!.id);
    }
  });
});

describe('lists are narrowed to the scope', () => {
  it('a helper and a mobile team find only the persons and cases within reach; a clerk finds the station’s', async () => {
    for (const role of ['proxy_helper', 'mobile_team'] as const) {
      const found = await st.call(sessions[role], 'persons.search', { q: '张测试', limit: 50 });
      expect(found.map((p) => p.id)).toEqual([own[role].personId]);
      const page = await st.call(sessions[role], 'queue.list', { filter: {}, page: { offset: 0, limit: 50 } });
      expect(page.rows.map((r) => r.id)).toEqual([own[role].caseId]);
      expect(page.total).toBe(1);
      const counts = await st.call(sessions[role], 'queue.counts', {});
      expect(Object.values(counts.byStatus).reduce((a, b) => a + b, 0)).toBe(1);
    }
    const all = await st.call(sessions.clerk, 'persons.search', { q: '张测试', limit: 50 });
    expect(all.length).toBeGreaterThanOrEqual(6);
    const page = await st.call(sessions.clerk, 'queue.list', { filter: {}, page: { offset: 0, limit: 50 } });
    expect(page.total).toBeGreaterThanOrEqual(6);
  });

  it('a helper named a handler of another clerk’s case reaches it and its person; un-named, no more', async () => {
    const helper = sessions.proxy_helper;
    const t = await caseBy(clerkSession);
    expect(isForbidden(await st.callRaw(helper, 'cases.get', { caseId: t.caseId }))).toBe(true);
    await st.call(clerkSession, 'cases.assignHandler', { caseId: t.caseId, userId: helper.user!.id, named: true });
    expect(await st.callRaw(helper, 'cases.get', { caseId: t.caseId })).toMatchObject({ ok: true });
    expect(await st.callRaw(helper, 'persons.get', { id: t.personId })).toMatchObject({ ok: true });
    expect((await st.call(helper, 'queue.list', { filter: {}, page: { offset: 0, limit: 50 } })).rows.map((r) => r.id)).toContain(t.caseId);
    // A mobile team is never reached by naming (its scope is its trip): naming one is refused.
    expect(await st.callRaw(clerkSession, 'cases.assignHandler', { caseId: t.caseId, userId: sessions.mobile_team.user!.id, named: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'userId' },
    });
    await st.call(clerkSession, 'cases.assignHandler', { caseId: t.caseId, userId: helper.user!.id, named: false });
    expect(isForbidden(await st.callRaw(helper, 'cases.get', { caseId: t.caseId }))).toBe(true);
    expect(isForbidden(await st.callRaw(helper, 'attachments.get', { id: t.attachmentId }))).toBe(true);
  });
});

describe('channels of nobody’s data in particular answer every role the table names', () => {
  const cells = CHANNEL_NAMES.filter((c) => KIND[c] !== undefined && KIND[c] !== 'case' && KIND[c] !== 'attachment' && KIND[c] !== 'person' && !NOT_CALLED_WHEN_ALLOWED.has(c)).flatMap((c) =>
    ROLES.filter((r) => scopeOf(c, r) !== null).map((r) => [c, r] as const),
  );
  it.each(cells)('%s × %s', async (channel, role) => {
    const s = isPublic(channel) ? newSession() : sessions[role];
    const auditBefore = auditCount();
    const r = await st.callRaw(s, channel, plainInput(channel));
    expect(isForbidden(r), JSON.stringify(r)).toBe(false);
    const declared: readonly string[] = ACCESS[channel].audit;
    for (const row of auditSince(auditBefore)) expect(declared, `${channel} wrote ${row.action}`).toContain(row.action);
  });
});

it('signing out and changing a password are one’s own (self scope)', async () => {
  const s = newSession();
  await st.call(s, 'auth.signIn', { username: 'clerk1', password: TEST_PASSWORD });
  expect(await st.callRaw(s, 'auth.signOut', {})).toEqual({ ok: true, value: {} });
  expect(await st.callRaw(s, 'auth.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'new-pass-2026' })).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
});
