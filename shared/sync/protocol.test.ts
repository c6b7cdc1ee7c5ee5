import { describe, expect, it } from 'vitest';
import { CASE_EVENT_KINDS } from '../cases/model';
import { checkProtocol, PROTOCOL_MINOR, PROTOCOL_VERSION } from './version';
import { LOCAL_ONLY_EVENTS, OP_KINDS, OP_KIND_SINCE, PushOpSchema, ResubmitPayloadSchema, isOpKind } from './ops';
import { CHANGE_KINDS, CHANGE_KIND_SINCE, ChangeSchema } from './changes';
import { SYNC_ERROR_CODES, SYNC_ERROR_STATUS } from './errors';
import { PolicyTableSchema } from './policy';

describe('protocol versions', () => {
  it('accepts its own and older minors, refuses newer minors and other majors', () => {
    expect(checkProtocol(PROTOCOL_VERSION)).toEqual({ ok: true, minor: PROTOCOL_MINOR });
    expect(checkProtocol('1.0', { major: 1, minor: 3 })).toEqual({ ok: true, minor: 0 });
    expect(checkProtocol('1.4', { major: 1, minor: 3 }).ok).toBe(false);
    expect(checkProtocol('2.0', { major: 1, minor: 3 }).ok).toBe(false);
    expect(checkProtocol('v1').ok).toBe(false);
  });

  it('every op kind and change kind exists at or before the current minor', () => {
    for (const k of OP_KINDS) expect(OP_KIND_SINCE[k]).toBeLessThanOrEqual(PROTOCOL_MINOR);
    for (const k of CHANGE_KINDS) expect(CHANGE_KIND_SINCE[k]).toBeLessThanOrEqual(PROTOCOL_MINOR);
  });
});

describe('op kinds', () => {
  it('are case.<event> for station events, and never the local-only ones', () => {
    for (const k of OP_KINDS.filter((k) => k.startsWith('case.'))) {
      expect(CASE_EVENT_KINDS as readonly string[]).toContain(k.slice(5));
    }
    for (const e of LOCAL_ONLY_EVENTS) expect(isOpKind(`case.${e}`)).toBe(false);
  });

  it('checks the envelope', () => {
    const op = { seq: 1, opId: '0190f3a0-0000-7000-8000-000000000001', kind: 'case.created', caseId: null, payload: {}, baseVersion: null, createdAt: '2026-05-20T09:00:00.000+08:00' };
    expect(PushOpSchema.safeParse(op).success).toBe(true);
    expect(PushOpSchema.safeParse({ ...op, seq: 0 }).success).toBe(false);
    expect(PushOpSchema.safeParse({ ...op, createdAt: '2026-05-20T01:00:00.000Z' }).success).toBe(false);
    expect(PushOpSchema.safeParse({ ...op, kind: 'DROP TABLE' }).success).toBe(false);
    expect(PushOpSchema.safeParse({ ...op, extra: 1 }).success).toBe(false);
  });

  it('an amendment names the central version it answers and says what was corrected', () => {
    const shape = ResubmitPayloadSchema.shape;
    expect(shape.centralVersion.safeParse(3).success).toBe(true);
    expect(shape.reason.safeParse('  ').success).toBe(false);
  });
});

describe('changes and errors', () => {
  it('parses a change and refuses an unknown kind', () => {
    const ok = {
      id: '42',
      at: '2026-05-20T09:00:00.000+08:00',
      kind: 'case.status',
      data: { caseId: '0190f3a0-0000-7000-8000-000000000001', caseNo: 'TOWN01-20260520-0001', centralVersion: 3, opId: null, decidedBy: '李审核', status: 'returned', note: '请补充材料' },
    };
    expect(ChangeSchema.safeParse(ok).success).toBe(true);
    expect(ChangeSchema.safeParse({ ...ok, data: { ...ok.data, note: '' } }).success).toBe(false);
    expect(ChangeSchema.safeParse({ ...ok, kind: 'case.teleported' }).success).toBe(false);
  });

  it('every error code has an HTTP status', () => {
    for (const c of SYNC_ERROR_CODES) expect(SYNC_ERROR_STATUS[c]).toBeGreaterThanOrEqual(400);
  });

  it('policy tables are effective-dated', () => {
    const t = { id: 'x', kind: 'k', regionCode: '371002', effectiveFrom: '2026-01-01', effectiveTo: null, version: 1, body: {} };
    expect(PolicyTableSchema.safeParse(t).success).toBe(true);
    expect(PolicyTableSchema.safeParse({ ...t, effectiveTo: '2025-12-31' }).success).toBe(false);
  });
});
