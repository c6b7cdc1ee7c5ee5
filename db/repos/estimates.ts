import type { Db } from '../open';

export interface EstimateRow {
  id: string;
  caseId: string;
  kind: 'contribution' | 'claim' | 'assistance' | 'maternity' | 'ltc_assessment';
  input: unknown;
  result: unknown;
  steps: unknown[];
  tables: unknown[];
  sample: boolean;
  meta: Record<string, unknown>;
  computedAt: string;
  actorId: string;
  actorName: string;
}

interface Raw {
  id: string;
  case_id: string;
  kind: EstimateRow['kind'];
  input: string;
  result: string;
  steps: string;
  tables: string;
  sample: number;
  meta: string;
  computed_at: string;
  actor_id: string;
  actor_name: string;
}

/** Estimates (待遇测算) and LTC assessments kept with their case. */
export class EstimatesRepo {
  private readonly insertStmt;
  private readonly byCaseStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO case_estimates(id, case_id, kind, input, result, steps, tables, sample, meta, computed_at, actor_id, actor_name)
       VALUES (@id, @caseId, @kind, @input, @result, @steps, @tables, @sample, @meta, @computedAt, @actorId, @actorName)`,
    );
    this.byCaseStmt = db.prepare<[string], Raw>('SELECT * FROM case_estimates WHERE case_id = ? ORDER BY computed_at, id');
  }

  insert(e: EstimateRow): void {
    this.insertStmt.run({
      ...e,
      input: JSON.stringify(e.input),
      result: JSON.stringify(e.result),
      steps: JSON.stringify(e.steps),
      tables: JSON.stringify(e.tables),
      sample: e.sample ? 1 : 0,
      meta: JSON.stringify(e.meta),
    });
  }

  forCase(caseId: string): EstimateRow[] {
    return this.byCaseStmt.all(caseId).map((r) => ({
      id: r.id,
      caseId: r.case_id,
      kind: r.kind,
      input: JSON.parse(r.input) as unknown,
      result: JSON.parse(r.result) as unknown,
      steps: JSON.parse(r.steps) as unknown[],
      tables: JSON.parse(r.tables) as unknown[],
      sample: r.sample === 1,
      meta: JSON.parse(r.meta) as Record<string, unknown>,
      computedAt: r.computed_at,
      actorId: r.actor_id,
      actorName: r.actor_name,
    }));
  }
}
