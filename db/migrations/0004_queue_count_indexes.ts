/**
 * 0004 — counts the queue header asks for on every refresh, measured on 100k cases: cases by family
 * (was a table scan, ~200 ms) and cases waiting for central (was a scan of the outbox, ~185 ms).
 */
export const sql = /* sql */ `
CREATE INDEX cases_family ON cases(family);
CREATE INDEX cases_sync_state ON cases(sync_state);
`;
