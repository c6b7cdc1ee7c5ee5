/**
 * 0009 — the station's index of claimed invoices (票据): one row per invoice (hospital + invoice number, as
 * `invoiceClaimKey` in shared/catalog/claims.ts normalises them) held by a case taken in at this station, so a
 * second case claiming the same receipt is refused at the window, naming the case that holds it. A case holds its
 * invoices from 受理; a withdrawn case, or one central rejected, lets them go.
 *
 * Cases taken in before this version are indexed from their stored forms (the key without the Unicode
 * normalisation the program applies: stored forms were typed at the window in ASCII digits and letters). Of two
 * such cases with the same invoice the older keeps it.
 */
export const sql = /* sql */ `
CREATE TABLE invoice_claims (
  key        TEXT PRIMARY KEY,
  case_id    TEXT NOT NULL REFERENCES cases(id),
  case_no    TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX invoice_claims_case ON invoice_claims(case_id);

INSERT OR IGNORE INTO invoice_claims (key, case_id, case_no, created_at)
SELECT upper(replace(replace(coalesce(json_extract(c.form, '$.hospitalName'), ''), ' ', ''), char(12288), ''))
       || '|' || upper(replace(replace(json_extract(r.value, '$.invoiceNo'), ' ', ''), char(12288), '')),
       c.id, c.case_no, coalesce(c.accepted_at, c.updated_at)
  FROM cases c, json_each(c.form, '$.invoices') r
 WHERE c.status NOT IN ('draft', 'withdrawn', 'rejected')
   AND json_type(r.value, '$.invoiceNo') = 'text'
   AND trim(json_extract(r.value, '$.invoiceNo')) <> ''
 ORDER BY coalesce(c.accepted_at, c.updated_at), c.id;
`;
