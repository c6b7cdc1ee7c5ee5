/**
 * 0012 — an attachment whose file can no longer be read whole and intact (cut short, altered, missing: its content
 * no longer hashes to its address) is marked damaged, with the reason and when it was found. Its case then shows
 * 需重新扫描 and sync goes on without it; a re-scan replaces it.
 */
export const sql = /* sql */ `
ALTER TABLE attachments ADD COLUMN damaged TEXT;
ALTER TABLE attachments ADD COLUMN damaged_at TEXT;
CREATE INDEX attachments_damaged ON attachments(case_id) WHERE damaged IS NOT NULL;
`;
