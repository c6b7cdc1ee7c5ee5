import type { CoreContext } from '../../context';
import type { Person } from '../../../shared/persons';
import type { RosterRow } from '../../../shared/persons';
import type { ApiError } from '../../../shared/api/errors';
import { nowInstant, today } from '../../../shared/time';
import { validateRow, toPerson } from '../../reference/roster-rows';
import { aTurnForTheWindow } from '../../turn';

export interface RosterProgress {
  phase: 'validate' | 'load';
  done: number;
  total: number | null;
}

export interface RosterRowError {
  /** 1-based row number in the source. */
  row: number;
  error: ApiError;
}

export type RosterResult =
  | { ok: true; rows: number; written: number; ms: number }
  | { ok: false; errors: RosterRowError[] };

export interface RosterOptions {
  chunkSize?: number;
  /** Stop collecting after this many bad rows (the load is refused either way). */
  maxErrors?: number;
  total?: number;
  onProgress?: (p: RosterProgress) => void;
  /** Yield to the event loop between chunks so the window stays responsive (default true). */
  yieldBetweenChunks?: boolean;
}

/**
 * Load a roster (the insured persons of the station's area). Two passes over `source()`:
 * first every row is validated — one bad row refuses the whole load and nothing changes; then rows are
 * upserted by ID number in chunks, one transaction each, reporting progress. Re-running is idempotent;
 * a person listed twice ends with the later row.
 */
export async function loadRoster(ctx: CoreContext, source: () => Iterable<RosterRow | unknown>, options: RosterOptions = {}): Promise<RosterResult> {
  const chunkSize = options.chunkSize ?? 5_000;
  const maxErrors = options.maxErrors ?? 100;
  const yieldBetween = options.yieldBetweenChunks ?? true;
  const total = options.total ?? null;
  const todayDate = today(ctx.clock);
  const at = nowInstant(ctx.clock);
  const started = Date.now();

  // Pass 1: validate everything.
  const errors: RosterRowError[] = [];
  let n = 0;
  for (const row of source()) {
    n += 1;
    const r = validateRow(row, todayDate);
    if (!r.ok) errors.push({ row: n, error: r.error });
    if (errors.length >= maxErrors) break;
    if (n % 50_000 === 0) {
      options.onProgress?.({ phase: 'validate', done: n, total });
      if (yieldBetween) await aTurnForTheWindow();
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  options.onProgress?.({ phase: 'validate', done: n, total: n });

  // Pass 2: upsert in chunks.
  const rowsTotal = n;
  let done = 0;
  let written = 0;
  let chunk: Person[] = [];
  const flush = () => {
    const batch = chunk;
    chunk = [];
    written += ctx.tx(() => {
      let w = 0;
      for (const p of batch) if (ctx.repos.persons.upsert(p)) w += 1;
      return w;
    });
    done += batch.length;
    options.onProgress?.({ phase: 'load', done, total: rowsTotal });
  };
  for (const row of source()) {
    const r = validateRow(row, todayDate);
    if (!r.ok) throw new Error('roster source changed between passes');
    chunk.push(toPerson(r.value, at, ctx.newId));
    if (chunk.length >= chunkSize) {
      flush();
      if (yieldBetween) await aTurnForTheWindow();
    }
  }
  if (chunk.length > 0) flush();
  ctx.tx(() =>
    ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: null, actorName: 'system', action: 'roster.load', entity: 'persons', entityId: null, detail: { rows: rowsTotal, written } }),
  );
  return { ok: true, rows: rowsTotal, written, ms: Date.now() - started };
}
