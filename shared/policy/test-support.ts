import type { PolicyTable } from './tables/schema';

/**
 * Helpers for the tests beside the code (this file is not a test itself and ships nothing of its own):
 * money in yuan for readable literals, and a deep copy of a table with changes.
 */

/** Yuan → fen for test literals: y(8330) = 833000. */
export function y(yuanAmount: number): number {
  return Math.round(yuanAmount * 100);
}

/** A structural copy of a table (tables are plain JSON). */
export function cloneTable<T extends PolicyTable>(t: T): T {
  return JSON.parse(JSON.stringify(t)) as T;
}
