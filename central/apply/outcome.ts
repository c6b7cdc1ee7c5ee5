import type { OpRejectCode } from '../../shared/sync/errors';
import type { CentralCaseStateBrief } from '../../shared/sync/push';
import type { CaseWrite, ClaimRow, FrontRow, NewChange, PersonRow } from '../store/types';

/** What central decides about one op, before it is committed. */
export type Outcome =
  | {
      type: 'applied';
      caseWrite: CaseWrite | null;
      persons: PersonRow[];
      claims: ClaimRow[];
      releaseClaims: string[];
      /** Changes beyond the op's own `op.result` (e.g. `case.status`). */
      changes: NewChange[];
      caseState: CentralCaseStateBrief | null;
      /** The payload as validated (kept as the op's record instead of the raw one), when it was parsed. */
      payload?: Record<string, unknown>;
      /** Front-office records (front.* ops, issue 15). */
      front?: FrontRow[];
    }
  | { type: 'rejected'; code: OpRejectCode; message: string; field?: string }
  | { type: 'blocked'; missing: string[] };

export function reject(code: OpRejectCode, message: string, field?: string): Outcome {
  return field === undefined ? { type: 'rejected', code, message } : { type: 'rejected', code, message, field };
}
