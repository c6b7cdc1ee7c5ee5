/**
 * 0014 — the daily aggregates are counted on insert by the repositories (db/repos/day-counts.ts), not by triggers:
 * a trigger makes every insert into `cases` and `case_events` keep a statement journal (see there for the figures).
 * The aggregates themselves stay as they are; changes and deletions keep their triggers (0010).
 */
export const sql = /* sql */ `
DROP TRIGGER stats_intake_insert;
DROP TRIGGER stats_due_insert;
DROP TRIGGER stats_completion;
`;
