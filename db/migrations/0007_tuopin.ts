/**
 * 0007 — one code name for 脱贫人口: `tuopin` (the person flag's name) replaces `lifted` in what the station
 * stores — policy tables (subsidy and assistance keys, and their source notes), catalog items (form options),
 * case forms, kept estimates, and ops not yet sent to central. Only the JSON string "lifted" (and the two
 * dotted note paths) is rewritten; nothing else in those texts can be that exact string.
 */
export const sql = /* sql */ `
UPDATE policy_tables
   SET body = replace(replace(replace(body, '"lifted"', '"tuopin"'), 'bands.lifted', 'bands.tuopin'), 'hardshipSubsidies.lifted', 'hardshipSubsidies.tuopin')
 WHERE body LIKE '%lifted%';
UPDATE catalog_items SET body = replace(body, '"lifted"', '"tuopin"') WHERE body LIKE '%"lifted"%';
UPDATE cases SET form = replace(form, '"lifted"', '"tuopin"') WHERE form LIKE '%"lifted"%';
UPDATE case_estimates SET input = replace(input, '"lifted"', '"tuopin"'), result = replace(result, '"lifted"', '"tuopin"')
 WHERE input LIKE '%"lifted"%' OR result LIKE '%"lifted"%';
UPDATE outbox SET payload = replace(payload, '"lifted"', '"tuopin"') WHERE state = 'pending' AND payload LIKE '%"lifted"%';
`;
