import type { Suite } from './harness';

/** Every benchmark suite, in the order `npm run bench` runs them. */
export const SUITES: readonly Suite[] = [];
