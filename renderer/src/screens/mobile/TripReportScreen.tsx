import { useTranslation } from 'react-i18next';
import { printDocument } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { Loading } from '../../components/Loading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLocalized } from '../../lib/text';
import { formatInstant } from '../../lib/dates';
import { paths } from '../../lib/router';
import '../../styles/mobile.css';

/** The trip report: people seen, cases taken in by item (with central's word once it came back), feedback heard, what is open. */
export default function TripReportScreen({ tripId }: { tripId: string }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const r = useApiQuery('trips.report', { tripId });
  if (r.error) return <ErrorBanner error={r.error} />;
  if (!r.data) return <Loading />;
  const rep = r.data;
  const trip = rep.trip.trip;
  return (
    <div>
      <div className="form-actions no-print">
        <a className="button" href={paths.trip(tripId)}>
          {t('trips.back')}
        </a>
        <button type="button" onClick={r.reload}>
          {t('trips.refresh')}
        </button>
        <button type="button" className="primary" onClick={() => void printDocument()}>
          {t('trips.print')}
        </button>
      </div>
      <article className="print-doc" data-testid="trip-report-doc">
        <h1>{t('trips.reportTitle')}</h1>
        <p>
          {trip.name} · {trip.villages.map((v) => v.name).join('、')} · {trip.startDate} – {trip.endDate} · {t(`trips.states.${trip.state}`)}
          {trip.endedWith ? `（${t(`trips.endedWith.${trip.endedWith}`)}）` : ''}
        </p>
        <p data-testid="report-open">
          {t('trips.openSummary', { demands: rep.open.demands, cases: rep.open.cases, unsynced: rep.open.unsynced })}
        </p>
        <h2>{t('trips.peopleSeen', { count: rep.people.length })}</h2>
        <p>{rep.people.map((p) => `${p.name}（${t('trips.personCounts', { visits: p.visits, cases: p.cases })}）`).join('、') || t('trips.nobody')}</p>
        <h2>{t('trips.casesByItem')}</h2>
        <table className="m16-table">
          <thead>
            <tr>
              <th>{t('trips.item')}</th>
              <th>{t('trips.count')}</th>
              <th>{t('trips.byStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {rep.casesByItem.map((c) => (
              <tr key={c.itemCode}>
                <td>{loc(c.itemName)}</td>
                <td>{c.count}</td>
                <td>
                  {Object.entries(c.byStatus)
                    .map(([s, n]) => `${t(`status.${s}`)} ${n}`)
                    .join('，')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('trips.caseList', { count: rep.cases.length })}</h2>
        <table className="m16-table" data-testid="report-cases">
          <thead>
            <tr>
              <th>{t('trips.caseNo')}</th>
              <th>{t('trips.item')}</th>
              <th>{t('visits.person')}</th>
              <th>{t('trips.statusNow')}</th>
              <th>{t('trips.centralWord')}</th>
            </tr>
          </thead>
          <tbody>
            {rep.cases.map((c) => (
              <tr key={c.caseId}>
                <td className="mono">
                  <a href={paths.case(c.caseId)}>{c.caseNo}</a>
                </td>
                <td>{loc(c.itemName)}</td>
                <td>{c.personName}</td>
                <td>
                  {t(`status.${c.status}`)} · {t(`syncState.${c.syncState}`)}
                </td>
                <td>{c.centralNote ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('trips.feedback', { count: rep.demands.length })}</h2>
        <table className="m16-table" data-testid="report-demands">
          <thead>
            <tr>
              <th>{t('visits.person')}</th>
              <th>{t('visits.demandKind')}</th>
              <th>{t('visits.demandText')}</th>
              <th>{t('visits.demandOwner')}</th>
              <th>{t('visits.demandState')}</th>
            </tr>
          </thead>
          <tbody>
            {rep.demands.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.personName} <span className="small muted">{d.visitedOn}</span>
                </td>
                <td>{t(`visits.demandKinds.${d.kind}`)}</td>
                <td>
                  {d.text}
                  {d.followUp ? <div className="small muted">{d.followUp}</div> : null}
                </td>
                <td>{d.owner}</td>
                <td>{t(`visits.demandStates.${d.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="small muted">{t('trips.generatedAt', { at: formatInstant(rep.generatedAt) })}</p>
      </article>
    </div>
  );
}
