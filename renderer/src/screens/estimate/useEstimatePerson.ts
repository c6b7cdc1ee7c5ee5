import type { PersonSummary } from '../../../../shared/persons';
import { useApiQuery } from '../../hooks/useApiQuery';
import type { EstimatePerson } from './estimateInput';

/**
 * The person as the estimate needs them: the full record (its insurance gives the resident tier) read with
 * `persons.get`, or the case's summary when it cannot be read; null while reading. `key` changes when the
 * full record arrives, so the estimate panel can take its defaults from it.
 */
export function useEstimatePerson(summary: PersonSummary, enabled = true): { person: EstimatePerson | null; key: string } {
  const full = useApiQuery('persons.get', enabled ? { id: summary.id } : null);
  return { person: full.data ?? (full.error || !enabled ? summary : null), key: full.data ? 'record' : 'summary' };
}
