import type { z } from 'zod';
import type { Role } from '../roles';

/**
 * One API channel: what goes in, what comes out, who may call it, and whether it writes.
 * `roles: 'public'` channels work before sign-in (setup, sign-in); `'signed_in'` any role.
 */
export interface Channel<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  roles: 'public' | 'signed_in' | readonly Role[];
  write: boolean;
  /** One line on what it does (for the generated channel list). */
  summary: string;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(c: Channel<I, O>): Channel<I, O> {
  return c;
}
