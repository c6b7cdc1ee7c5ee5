import { createHash } from 'node:crypto';
import { timeRuns } from './harness';

/**
 * `cpu-jitter`: what this machine does to a fixed piece of work — sha256 over the same 4 KB, REPEATS times, in
 * memory, no I/O, no allocation to speak of — timed as often as `intake` is, just after it. On a dedicated machine
 * its p95 sits next to its median; on a shared one (other tenants' work, frequency changes) the gap between them is
 * the machine's own, and a latency figure's p95 is read against it: an intake whose p95/median ratio is the same as
 * this one's has no slow path of its own. Sized to last about as long as an intake here (≈ 2 ms).
 */
const REPEATS = 400;
const BLOCK = Buffer.alloc(4096, 0x5a);

function fixedWork(): void {
  for (let i = 0; i < REPEATS; i++) createHash('sha256').update(BLOCK).digest();
}

export function referenceWork(runs: number): number[] {
  return timeRuns(runs, fixedWork);
}
