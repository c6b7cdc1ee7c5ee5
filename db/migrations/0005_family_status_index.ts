/**
 * 0005 — the queue filtered by family and status (工作台: "报销类 · 已受理") counted from one covering index
 * (it read 30k table rows at 100k cases, ~75 ms). Replaces the family-only index of 0004.
 */
export const sql = /* sql */ `
DROP INDEX cases_family;
CREATE INDEX cases_family_status ON cases(family, status);
`;
