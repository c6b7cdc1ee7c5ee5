import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, LEGACY_AUDIT_ACTIONS, auditActionOf } from './audit';

describe('audit actions', () => {
  it('have one naming style: entity.what, lower case, words joined by _', () => {
    for (const a of AUDIT_ACTIONS) expect(a).toMatch(/^[a-z]+\.[a-z]+(_[a-z]+)*$/);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(AUDIT_ACTIONS).toContain('case.accept');
    expect(AUDIT_ACTIONS).toContain('case.central_approved');
  });

  it("read older rows' names as today's", () => {
    expect(auditActionOf('auth.signIn')).toBe('auth.sign_in');
    expect(auditActionOf('case.central.returned')).toBe('case.central_returned');
    expect(auditActionOf('case.accept')).toBe('case.accept');
    for (const now of Object.values(LEGACY_AUDIT_ACTIONS)) expect(AUDIT_ACTIONS).toContain(now);
  });
});
