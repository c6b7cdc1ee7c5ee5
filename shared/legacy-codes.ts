/**
 * Code names older versions used, and the one each is called now. Before one code name was chosen for 脱贫人口
 * (`tuopin`, the person flag's name), forms, policy tables and estimates called it `lifted`. A station upgraded
 * before its central (or after) still meets the old name in what the other side sends — a form pushed by an older
 * station, a policy table published by an older central — so the schemas that read those take it as the new name.
 * The station's own stored data was rewritten by its migration 7.
 */
export const LEGACY_CODE_NAMES: Readonly<Record<string, string>> = { lifted: 'tuopin' };

/** A value in an older version's code name, read as today's when today's is one of `allowed`; anything else as is. */
export function currentCodeName(value: unknown, allowed: readonly string[]): unknown {
  if (typeof value !== 'string') return value;
  const now = LEGACY_CODE_NAMES[value];
  return now !== undefined && allowed.includes(now) ? now : value;
}

/** An object keyed by code names (e.g. bands per assistance category), with older names read as today's. */
export function currentCodeKeys(value: unknown, allowed: readonly string[]): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value);
  if (!entries.some(([k]) => k in LEGACY_CODE_NAMES)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const now = currentCodeName(k, allowed) as string;
    // A table that already has today's name keeps it; the old key is then dropped, not doubled.
    if (now !== k && Object.prototype.hasOwnProperty.call(value, now)) continue;
    out[now] = v;
  }
  return out;
}

/** A dotted path into a table's body (a provenance's `path`), with older code names among its segments read as today's. */
export function currentCodePath(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split('.')
    .map((segment) => LEGACY_CODE_NAMES[segment] ?? segment)
    .join('.');
}
