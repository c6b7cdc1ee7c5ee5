import { useCallback, useEffect, useState } from 'react';
import type { CaseView } from '../../../../shared/api/channels/cases';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { useApiEvent } from '../../hooks/useApiEvent';

/** A case view kept fresh: replaced by what each action returns, re-read when the core says this case changed. */
export function useCaseView(caseId: string) {
  const [view, setView] = useState<CaseView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let cancelled = false;
    void api()
      .invoke('cases.get', { caseId })
      .then((r) => {
        if (cancelled) return;
        if (r.ok) {
          setView(r.value);
          setError(null);
        } else setError(r.error);
      });
    return () => {
      cancelled = true;
    };
  }, [caseId, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useApiEvent('cases.changed', (d) => {
    if (d.caseIds.includes(caseId)) reload();
  });
  return { view, error, setView, reload };
}
