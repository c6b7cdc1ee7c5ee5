import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../shared/api/events';
import { api } from '../api/client';

/** Listen to one pushed core event while mounted. */
export function useApiEvent<E extends EventName>(event: E, handler: (data: EventPayload<E>) => void): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => api().on(event, (d) => ref.current(d)), [event]);
}
