/**
 * 0003 — what central said about a case: its version of the case (an amendment names the one it answers),
 * the reviewer's note (退回补正 / 不予受理 reason), and the payout of a completed reimbursement, in fen.
 */
export const sql = /* sql */ `
ALTER TABLE cases ADD COLUMN central_version INTEGER;
ALTER TABLE cases ADD COLUMN central_note TEXT;
ALTER TABLE cases ADD COLUMN payout_fen INTEGER CHECK (payout_fen IS NULL OR payout_fen >= 0);
`;
