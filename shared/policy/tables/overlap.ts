import type { LocalDate } from '../../time';

/** Effective intervals: `from` inclusive, `to` exclusive, `null` = open-ended. */
export interface Effective {
  kind: string;
  regionCode: string;
  version: string;
  effectiveFrom: LocalDate;
  effectiveTo: LocalDate | null;
}

export interface Overlap {
  kind: string;
  regionCode: string;
  /** Indexes of the two tables in the list given. */
  first: number;
  second: number;
  message: string;
}

/** Whether a table is in force on a date. */
export function inForce(t: Pick<Effective, 'effectiveFrom' | 'effectiveTo'>, on: LocalDate): boolean {
  return t.effectiveFrom <= on && (t.effectiveTo === null || on < t.effectiveTo);
}

function intersects(a: Effective, b: Effective): boolean {
  const aEndsAfterBStarts = a.effectiveTo === null || b.effectiveFrom < a.effectiveTo;
  const bEndsAfterAStarts = b.effectiveTo === null || a.effectiveFrom < b.effectiveTo;
  return aEndsAfterBStarts && bEndsAfterAStarts;
}

/** Every pair of tables of one kind and region whose effective periods overlap (there must be none). */
export function findOverlaps(tables: readonly Effective[]): Overlap[] {
  const out: Overlap[] = [];
  const groups = new Map<string, number[]>();
  tables.forEach((t, i) => {
    const key = `${t.kind}/${t.regionCode}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  for (const idx of groups.values()) {
    for (let x = 0; x < idx.length; x++) {
      for (let y = x + 1; y < idx.length; y++) {
        const a = tables[idx[x]!]!;
        const b = tables[idx[y]!]!;
        if (intersects(a, b)) {
          out.push({
            kind: a.kind,
            regionCode: a.regionCode,
            first: idx[x]!,
            second: idx[y]!,
            message: `${a.kind} tables of region ${a.regionCode} overlap: version ${a.version} (${a.effectiveFrom}–${a.effectiveTo ?? '…'}) and version ${b.version} (${b.effectiveFrom}–${b.effectiveTo ?? '…'})`,
          });
        }
      }
    }
  }
  return out;
}
