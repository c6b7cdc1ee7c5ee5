import { useCallback, useState } from 'react';

/** State kept in sessionStorage for this tab (e.g. the queue's filters when coming back from a case). */
export function usePersistentState<T>(key: string, initial: T): [T, (v: T | ((prev: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    const raw = sessionStorage.getItem(key);
    if (raw === null) return initial;
    try {
      return { ...initial, ...(JSON.parse(raw) as T) };
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (v: T | ((prev: T) => T)) => {
      setValue((prev) => {
        const next = typeof v === 'function' ? (v as (p: T) => T)(prev) : v;
        sessionStorage.setItem(key, JSON.stringify(next));
        return next;
      });
    },
    [key],
  );
  return [value, set];
}
