/**
 * Benchmark harness. Every figure prints one line:
 *   bench <name> n=<runs> median=<v> p95=<v> unit=<unit>
 * A suite shares its (often expensive) setup across the figures it produces; `npm run bench -- <name>`
 * runs only the suites that produce <name> and prints only the figures asked for.
 */

export interface Figure {
  name: string;
  n: number;
  median: number;
  p95: number;
  unit: string;
}

export interface Suite {
  /** Figure names this suite produces. */
  figures: readonly string[];
  run(report: (f: Figure) => void, wanted: ReadonlySet<string>): Promise<void>;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(name: string, samples: readonly number[], unit: string): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  return { name, n: samples.length, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), unit };
}

/** A single measured value (throughput, size): median = p95 = the value. */
export function single(name: string, value: number, unit: string): Figure {
  return { name, n: 1, median: value, p95: value, unit };
}

/** Time `fn` `runs` times after `warmup` untimed runs; returns milliseconds per run. */
export function timeRuns(runs: number, fn: (i: number) => void, warmup = Math.min(50, Math.ceil(runs / 10))): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

export async function timeRunsAsync(runs: number, fn: (i: number) => Promise<void>, warmup = Math.min(20, Math.ceil(runs / 10))): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}

export function formatFigure(f: Figure): string {
  return `bench ${f.name} n=${f.n} median=${fmt(f.median)} p95=${fmt(f.p95)} unit=${f.unit}`;
}
