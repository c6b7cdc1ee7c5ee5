import { useEffect, useState } from 'react';
import { useApiQuery } from '../../hooks/useApiQuery';
import type { Prepared } from './estimateInput';

interface Asked {
  kind: 'claim' | 'contribution';
  input: Record<string, unknown>;
  personId: string;
}

/**
 * `policy.estimate` for the input as the clerk types, asked ~300 ms after the typing stops; the previous
 * answer stays on screen meanwhile (no flicker). Nothing is asked while the input is not ready. The person's id
 * goes with it: the core fills in their resident tier and assistance category where the input has none.
 */
export function useLiveEstimate(prepared: Prepared | null, personId: string, delayMs = 300) {
  const key = prepared?.ready ? JSON.stringify({ kind: prepared.kind, input: prepared.input, personId } satisfies Asked) : null;
  const [asked, setAsked] = useState<string | null>(key);
  useEffect(() => {
    const timer = window.setTimeout(() => setAsked(key), delayMs);
    return () => window.clearTimeout(timer);
  }, [key, delayMs]);
  const q = useApiQuery('policy.estimate', asked === null ? null : (JSON.parse(asked) as Asked), true);
  return {
    /** The answer for the current input (or the previous one while the next is on its way). */
    data: key === null ? null : q.data,
    error: key === null ? null : q.error,
    /** Typing or asking: what is shown is not yet for the current input. */
    pending: key !== null && (asked !== key || q.loading),
  };
}
