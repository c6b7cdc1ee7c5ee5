import { useCallback, useEffect, useState } from 'react';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import { api } from '../api/client';

export interface Query<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/**
 * Read one channel while mounted; `input === null` skips the call. Re-runs when the input (by value)
 * changes or on `reload()`; stale answers are dropped. With `keepPrevious`, the last answer stays on screen
 * while the next input's answer loads (search lists that should not flicker as one types).
 */
export function useApiQuery<C extends ChannelName>(channel: C, input: ChannelInput<C> | null, keepPrevious = false): Query<ChannelOutput<C>> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ key: string | null; data: ChannelOutput<C> | null; error: ApiError | null; done: boolean }>({
    key: null,
    data: null,
    error: null,
    done: false,
  });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (key === null) return;
    let cancelled = false;
    void api()
      .invoke(channel, JSON.parse(key) as ChannelInput<C>)
      .then((r) => {
        if (cancelled) return;
        setState(r.ok ? { key, data: r.value, error: null, done: true } : { key, data: null, error: r.error, done: true });
      });
    return () => {
      cancelled = true;
    };
  }, [channel, key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const current = state.key === key;
  return {
    data: current || keepPrevious ? state.data : null,
    error: current ? state.error : null,
    loading: key !== null && (!current || !state.done),
    reload,
  };
}
