import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../hooks/useApiQuery';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLocalized } from '../../lib/text';
import { paths } from '../../lib/router';

/** The person's cases at this station (the queue searched by their ID number), newest due first, each a link. */
export function PersonCases({ idNumber }: { idNumber: string }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const cases = useApiQuery('queue.list', { filter: { q: idNumber }, page: { offset: 0, limit: 50 } });
  return (
    <div className="person-cases" data-testid="person-cases">
      <h3>{t('persons.cases')}</h3>
      <ErrorBanner error={cases.error} />
      {cases.data && cases.data.rows.length === 0 ? <p className="muted">{t('persons.noCases')}</p> : null}
      {cases.data && cases.data.rows.length > 0 ? (
        <ul className="doc-list">
          {cases.data.rows.map((r) => (
            <li key={r.id}>
              <a href={paths.case(r.id)} className="mono">
                {r.caseNo}
              </a>{' '}
              {L(r.itemName)} <StatusBadge status={r.status} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
