import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createTestStation, residentId, type TestStation } from './testing/fixtures';
import type { Session } from './session';
import { CHANNELS, CHANNEL_NAMES, type ChannelName } from '../shared/api/contract';
import { validatePersonId } from '../shared/identity';
import type { Role } from '../shared/roles';
import { isPublic, scopeOf } from '../shared/access';

/**
 * Throw random and malformed inputs at every channel: each must be refused with a clear error (a code,
 * a Chinese message, and — for bad input — the field), and the store must stay byte-for-byte unchanged.
 */

let st: TestStation;
let sessions: Record<Role, Session>;
let personId: string;
let caseId: string;

/** A valid input for every channel (mutated below into invalid ones). */
function validInputs(): Record<ChannelName, unknown> {
  return {
    'setup.status': {},
    'setup.initialize': { station: { code: 'TOWN09', name: '站', regionCode: '371002' }, supervisor: { username: 'boss2', displayName: '站长', password: 'abcdefgh12' } },
    'auth.signIn': { username: 'clerk1', password: 'x' },
    'auth.signOut': {},
    'auth.me': {},
    'auth.changePassword': { currentPassword: 'x', newPassword: 'new-pass-2026' },
    'users.list': {},
    'users.create': { username: 'newuser', displayName: '新用户', role: 'clerk', password: 'abcdefgh12' },
    'users.resetPassword': { userId: caseId, newPassword: 'reset-pass-2026' },
    'users.setDisabled': { userId: caseId, disabled: true },
    'users.setRole': { userId: caseId, role: 'clerk' },
    'persons.search': { q: '张', limit: 10 },
    'persons.get': { id: personId },
    'persons.findByIdNumber': { idNumber: residentId('1960-01-01', 2) },
    'persons.register': { idNumber: residentId('1961-02-03', 5), name: '测试', phone: '13800000000' },
    'persons.update': { id: personId, phone: '13800000001' },
    'catalog.list': { family: 'care', q: 'hl' },
    'catalog.get': { code: 'ltc_application' },
    'cases.create': { itemCode: 'resident_enrollment', personId, form: {} },
    'cases.intake': { itemCode: 'resident_enrollment', personId, form: {}, materialsReceived: ['valid_id'] },
    'cases.updateDraft': { caseId, version: 1, form: {} },
    'cases.accept': { caseId, version: 1 },
    'cases.recordMaterials': { caseId, version: 1, received: ['valid_id'] },
    'cases.withdraw': { caseId, version: 1, reason: '撤回' },
    'cases.get': { caseId },
    'queue.list': { filter: { statuses: ['draft'], q: 'zs' }, page: { offset: 0, limit: 20 } },
    'queue.counts': {},
    'attachments.add': { caseId, version: 1, fileName: 'a.png', mime: 'image/png', dataBase64: 'iVBORw0KGgo=' },
    'attachments.list': { caseId },
    'attachments.get': { id: caseId },
    'policy.estimate': { kind: 'claim', input: { careType: 'outpatient' } },
    'policy.tables': {},
    'cases.saveEstimate': { caseId, version: 1, kind: 'claim', input: {} },
    'cases.saveLtcAssessment': { caseId, version: 1, assessors: ['甲', '乙'], assessmentDate: '2026-11-20', adl: {}, cognition: {}, perception: {} },
    'cases.estimates': { caseId },
    'cases.revealField': { caseId, field: 'bankAccount' },
    'cases.assignHandler': { caseId, userId: caseId, named: true },
    'audit.status': {},
    'audit.verify': {},
    'audit.list': { filter: { action: 'case.accept', from: '2026-11-01' }, page: { offset: 0, limit: 20 } },
    'audit.export': { filter: {}, format: 'csv' },
    'cases.resubmit': { caseId, version: 1, reason: '补正了发票' },
    'cases.handOut': { caseId, version: 1 },
    'cases.acknowledgeRefusal': { caseId, version: 1 },
    'sync.status': {},
    'sync.now': {},
    'sync.enroll': { centralUrl: 'http://127.0.0.1:9/', code: 'ABC123' },
    'sync.exportBundle': {},
    'sync.bundlePreview': {},
    'sync.readBundle': { fileName: 'TOWN01-20261123-090000-3条.ybb', offset: 0, length: 1024 },
    'sync.relayBundle': { fileName: 'a.ybb', dataBase64: 'WUJC' },
    'keys.lockStatus': {},
    'keys.unlock': { recoveryKey: '000000-000000-000000-000000-000000-000000-000000-000000' },
    'keys.status': {},
    'keys.issueRecoveryKey': {},
    'keys.confirmWeakProtection': {},
    'keys.localStorageKey': {},
    'backup.status': {},
    'backup.configure': { folder: '/tmp', daily: true },
    'backup.run': {},
    'backup.list': {},
    'backup.inspect': { folder: '/tmp' },
    'backup.restore': { path: '/tmp/none', recoveryKey: '000000-000000-000000-000000-000000-000000-000000-000000' },
    'trips.list': {},
    'trips.candidates': {},
    'trips.create': { name: '张家村送服务', villages: [{ name: '张家村', regionCode: '371002' }], startDate: '2026-11-23', endDate: '2026-11-24', memberIds: [caseId] },
    'trips.get': { tripId: caseId },
    'trips.readiness': { tripId: caseId },
    'trips.prepare': { tripId: caseId },
    'trips.start': { tripId: caseId },
    'trips.end': { tripId: caseId, endedWith: 'sync' },
    'trips.current': {},
    'trips.report': { tripId: caseId },
    'visits.record': { personId, brought: ['policy'], demands: [{ kind: 'request', text: '想了解缴费档次', state: 'open', owner: '镇医保办' }] },
    'visits.list': { personId },
    'outreach.list': { list: 'enrollment' },
    'outreach.followups': {},
    'batch.items': {},
    'batch.template': { itemCode: 'resident_enrollment' },
    'batch.validate': { itemCode: 'resident_enrollment', file: { fileName: 'a.csv', dataBase64: 'YQ==' }, agent: { name: '李老师', idNumber: residentId('1980-01-01', 3), relationship: 'other', authorisationReceived: true }, materialsReceived: ['valid_id'] },
    'batch.annotate': { itemCode: 'resident_enrollment', file: { fileName: 'a.csv', dataBase64: 'YQ==' }, agent: { name: '李老师', idNumber: residentId('1980-01-01', 3), relationship: 'other', authorisationReceived: true }, materialsReceived: ['valid_id'] },
    'batch.start': { itemCode: 'resident_enrollment', file: { fileName: 'a.csv', dataBase64: 'YQ==' }, agent: { name: '李老师', idNumber: residentId('1980-01-01', 3), relationship: 'other', authorisationReceived: true }, materialsReceived: ['valid_id'] },
    'batch.cancel': { batchId: caseId },
    'batch.list': {},
    'batch.get': { batchId: caseId },
    'tickets.hall': {},
    'tickets.saveHall': { categories: [{ code: 'enrollment', letter: 'A', name: '参保登记', sort: 10, active: true }], windows: [{ no: 1, name: '1号窗口', categories: ['enrollment'], active: true }] },
    'tickets.issue': { category: 'enrollment', priority: null },
    'tickets.checkIn': { code: '123456' },
    'tickets.board': {},
    'tickets.window': { windowNo: 1 },
    'tickets.call': { windowNo: 1 },
    'tickets.recall': { windowNo: 1 },
    'tickets.skip': { windowNo: 1 },
    'tickets.finish': { windowNo: 1 },
    'tickets.transfer': { windowNo: 1, toWindow: 2 },
    'tickets.linkCase': { ticketId: caseId, caseId },
    'tickets.list': { day: '2026-11-23' },
    'tickets.appointments': { day: '2026-11-23' },
    'tickets.book': { day: '2026-11-24', slotStart: '09:00', slotEnd: '09:30', category: 'enrollment', name: '李四', idNumber: residentId('1970-01-01', 3) },
    'tickets.cancelAppointment': { id: caseId },
    'ratings.prompt': {},
    'ratings.submit': { level: 2, reasons: ['attitude'], comment: null, rater: 'self' },
    'ratings.request': { windowNo: 1, caseId },
    'ratings.list': { from: '2026-11-01', to: '2026-11-30' },
    'ratings.followUps': { status: 'open' },
    'ratings.visit': { followUpId: caseId, note: '电话回访' },
    'ratings.rectify': { followUpId: caseId, note: '已整改' },
    'ratings.appeal': { followUpId: caseId, text: '申诉' },
    'ratings.decideAppeal': { followUpId: caseId, outcome: 'dismissed', note: '不成立' },
    'stats.figures': { period: 'day' },
    'stats.export': { report: 'daily' },
    'devices.list': {},
    'devices.issue': { kind: 'display', name: '叫号屏', windowNo: 1 },
    'devices.revoke': { id: caseId },
    'devices.signIn': { key: 'A'.repeat(32) },
    'devices.me': {},
  };
}

const wrongTyped = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 5 }).map((s) => `${s}\u0000`),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

/** Paths of every leaf in a valid sample (to replace one with garbage). */
function leaves(v: unknown, prefix: string[] = []): string[][] {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return prefix.length > 0 ? [prefix] : [];
    return entries.flatMap(([k, x]) => leaves(x, [...prefix, k]));
  }
  return [prefix];
}

function setAt(v: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const obj = { ...(v as Record<string, unknown>) };
  obj[head] = setAt(obj[head], rest, value);
  return obj;
}

/** Malformed inputs for a channel: garbage, an unknown key, or one field of a valid input given a wrong value. */
function malformed(channel: ChannelName, valid: unknown): fc.Arbitrary<{ input: unknown; path: string | null }> {
  const schema = CHANNELS[channel].input;
  const paths = leaves(valid);
  const garbage = fc.anything().map((input) => ({ input, path: null as string | null }));
  const extraKey = fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((k) => !Object.prototype.hasOwnProperty.call(valid, k) && k !== '__proto__')
    .map((k) => ({ input: { ...(valid as object), [k]: 1 }, path: null as string | null }));
  const arbs = [garbage, extraKey];
  if (paths.length > 0) {
    arbs.push(fc.tuple(fc.constantFrom(...paths), wrongTyped).map(([p, w]) => ({ input: setAt(valid, p, w), path: p.join('.') })));
  }
  return fc.oneof(...arbs).filter(({ input }) => !schema.safeParse(input).success);
}

function fingerprint(): string {
  const h = createHash('sha256');
  for (const f of [st.dbPath, `${st.dbPath}-wal`]) if (existsSync(f)) h.update(readFileSync(f));
  return h.digest('hex');
}

beforeAll(async () => {
  st = await createTestStation();
  sessions = {
    supervisor: await st.as('supervisor'),
    clerk: await st.as('clerk'),
    proxy_helper: await st.as('proxy_helper'),
    mobile_team: await st.as('mobile_team'),
  };
  personId = (await st.call(sessions.clerk, 'persons.register', { idNumber: residentId('1950-01-01', 1), name: '张三' })).id;
  caseId = (await st.call(sessions.clerk, 'cases.create', { itemCode: 'resident_enrollment', personId, form: {} })).case.id;
  st.core.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
});
afterAll(() => st.cleanup());

describe('every channel refuses malformed input and changes nothing', () => {
  it.each(CHANNEL_NAMES)('%s', async (channel) => {
    const valid = validInputs()[channel];
    expect(CHANNELS[channel].input.safeParse(valid).success).toBe(true);
    const before = fingerprint();
    await fc.assert(
      fc.asyncProperty(malformed(channel, valid), fc.constantFrom<Role>('supervisor', 'clerk', 'proxy_helper', 'mobile_team'), async ({ input, path }, role) => {
        const r = await st.callRaw(sessions[role], channel, input);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        // A role the access table does not name is refused before its input is looked at (shared/access.ts).
        if (!isPublic(channel) && scopeOf(channel, role) === null) {
          expect(r.error.code).toBe('forbidden');
          return;
        }
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
        if (path !== null) expect(r.error.field === undefined || path.startsWith(r.error.field) || r.error.field.startsWith(path)).toBe(true);
        if (path !== null && r.error.field !== undefined) expect(r.error.message.length).toBeGreaterThan(2);
      }),
      { numRuns: 60 },
    );
    expect(fingerprint()).toBe(before);
  });
});

describe('well-formed but wrong content is refused by the services, naming the field, and changes nothing', () => {
  const invalidId = fc.stringMatching(/^[0-9X]{15,18}$/).filter((s) => !validatePersonId(s, '2026-11-23').ok);

  it('persons.register with an invalid ID number', async () => {
    const before = fingerprint();
    await fc.assert(
      fc.asyncProperty(invalidId, fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim().length > 0), async (idNumber, name) => {
        const r = await st.callRaw(sessions.clerk, 'persons.register', { idNumber, name });
        expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'idNumber' } });
      }),
      { numRuns: 200 },
    );
    expect(fingerprint()).toBe(before);
  });

  it('cases.create with random form values, unknown items and unknown persons', async () => {
    const before = fingerprint();
    // Blank values (null, '', []) are allowed in a draft; anything else of the wrong kind is not.
    const notBlank = wrongTyped.filter((v) => v !== null && !(Array.isArray(v) && v.length === 0));
    const formArb = fc.dictionary(fc.constantFrom('enrollmentYear', 'personCategory', 'contributionTier', 'phone', 'regionCode', 'bogus'), notBlank, { minKeys: 1 });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          formArb.map((form) => ({ itemCode: 'resident_enrollment', personId, form })),
          fc.string({ minLength: 1, maxLength: 20 }).filter((c) => !st.core.ctx.catalog.has(c)).map((itemCode) => ({ itemCode, personId, form: {} })),
          fc.constant({ itemCode: 'resident_enrollment', personId: '01900000-0000-7000-8000-000000000000', form: {} }),
        ),
        async (input) => {
          const r = await st.callRaw(sessions.clerk, 'cases.create', input);
          expect(r.ok).toBe(false);
          if (r.ok) return;
          expect(['invalid_input', 'not_found']).toContain(r.error.code);
          expect(r.error.field).toMatch(/^(form\.|itemCode|personId)/);
        },
      ),
      { numRuns: 200 },
    );
    expect(fingerprint()).toBe(before);
  });
});
