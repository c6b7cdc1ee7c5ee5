import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../hooks/useApiQuery';
import { VisitList } from './VisitList';

/** The person's history of visits (三送一听): what was brought, what they asked for and its follow-up. */
export function PersonVisits({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const q = useApiQuery('visits.list', { personId });
  // Out of the user's reach (a helper's other persons), or none yet: nothing to show.
  if (!q.data || q.data.length === 0) return null;
  return (
    <details className="person-visits" data-testid="person-visits">
      <summary>{t('visits.history', { count: q.data.length })}</summary>
      <VisitList visits={q.data} onChanged={q.reload} editable={false} />
    </details>
  );
}
