import type { z } from 'zod';

/**
 * One API channel: what goes in, what comes out, and whether it writes. Who may call it, over whose data, and
 * what it audits is the channel's row in shared/access.ts (the one table of access rules).
 */
export interface Channel<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  write: boolean;
  /** One line on what it does (for the generated channel list). */
  summary: string;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(c: Channel<I, O>): Channel<I, O> {
  return c;
}
