import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useLocalized } from '../../lib/text';
import { formatInstant } from '../../lib/dates';
import { paths } from '../../lib/router';
import '../../styles/mobile.css';

/** One batch: who, when, which file (and its hash), the counts, and every row's case — rows central refused first, with why. */
export default function BatchDetailScreen({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const q = useApiQuery('batch.get', { batchId, withRows: true });
  if (q.error) return <ErrorBanner error={q.error} />;
  if (!q.data) return <Loading />;
  const b = q.data.batch;
  return (
    <div>
      <p className="breadcrumb">
        <a href={paths.batch()}>{t('batch.title')}</a>
      </p>
      <ScreenHeading>{b.fileName}</ScreenHeading>
      <section className="card">
        <p>
          {loc(b.itemName)} · {b.createdBy} · {formatInstant(b.createdAt)} · {t(`batch.states.${b.state}`)}
        </p>
        <p data-testid="batch-detail-counts">{t('batch.countsText', { imported: b.imported, total: b.total, invalid: b.invalid, rejected: b.rejected })}</p>
        <p className="small muted mono">SHA-256 {b.fileSha256}</p>
        {b.error ? <p className="field-error">{b.error}</p> : null}
      </section>
      <table className="m16-table" data-testid="batch-rows">
        <thead>
          <tr>
            <th>{t('batch.row')}</th>
            <th>{t('trips.caseNo')}</th>
            <th>{t('visits.person')}</th>
            <th>{t('trips.statusNow')}</th>
            <th>{t('batch.centralRefused')}</th>
          </tr>
        </thead>
        <tbody>
          {q.data.rows.map((r) => (
            <tr key={r.caseId} className={r.syncState === 'rejected' ? 'row-error' : undefined}>
              <td>{r.row}</td>
              <td>
                <a className="mono" href={paths.case(r.caseId)}>
                  {r.caseNo}
                </a>
              </td>
              <td>{r.personName}</td>
              <td>
                {t(`status.${r.status}`)} · {t(`syncState.${r.syncState}`)}
              </td>
              <td>{r.syncState === 'rejected' ? r.syncError : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
