import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN.json';
import en from './en.json';

/**
 * Central's decisions as the window names them. A case reaches `rejected` only after the window took it in (受理)
 * and central reviewed it: that is 不予办理, never 不予受理 (which refuses to take a case in). Central refusing a
 * change in sync (中心拒收) is another thing again, named apart.
 */
describe('central decision labels', () => {
  it('names a case central rejected after acceptance 不予办理, in the status, the timeline and the note', () => {
    expect(zhCN.status.rejected).toBe('不予办理');
    expect(zhCN.eventKind.reject).toBe('不予办理');
    expect(zhCN.central.rejectedNote).toContain('不予办理');
    expect(JSON.stringify(zhCN)).not.toContain('不予受理');
    expect(en.status.rejected).toContain('不予办理');
  });

  it('keeps 中心拒收 (a change refused in sync) apart from the decision', () => {
    expect(zhCN.syncState.rejected).not.toBe(zhCN.status.rejected);
    expect(zhCN.central.refusedNote).toContain('中心拒收');
  });
});
