import { useTranslation } from 'react-i18next';
import { OUTREACH_LISTS, type OutreachList } from '../../../../shared/outreach/rules';
import { maskIdNumber } from '../../../../shared/identity/mask';
import { printDocument } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useLocalized } from '../../lib/text';
import { paths } from '../../lib/router';
import '../../styles/mobile.css';

/**
 * 主动服务: the proactive work lists, for a trip's villages or the whole station — a table to print or take along;
 * a row starts an intake with the person and the item filled in (the intake screen's route parameters), or opens
 * the case it is about (a correction, a 容缺 promise).
 */
export default function OutreachScreen({ list, tripId }: { list: string | null; tripId: string | null }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const current: OutreachList = (OUTREACH_LISTS as readonly string[]).includes(list ?? '') ? (list as OutreachList) : 'enrollment';
  const q = useApiQuery('outreach.list', { list: current, ...(tripId ? { tripId } : {}) });
  const rows = q.data?.rows ?? [];
  return (
    <div>
      {tripId ? (
        <p className="breadcrumb no-print">
          <a href={paths.trip(tripId)}>{q.data?.scope.tripName ?? t('trips.title')}</a>
        </p>
      ) : null}
      <ScreenHeading>{t('outreach.title')}</ScreenHeading>
      <ul className="m16-tabs no-print" aria-label={t('outreach.lists')}>
        {OUTREACH_LISTS.map((l) => (
          <li key={l}>
            <a className="button" href={paths.outreach({ list: l, ...(tripId ? { trip: tripId } : {}) })} aria-current={l === current ? 'page' : undefined} data-testid={`outreach-tab-${l}`}>
              {t(`outreach.list.${l}`)}
            </a>
          </li>
        ))}
      </ul>
      <ErrorBanner error={q.error} />
      {q.loading && !q.data ? <Loading /> : null}
      {q.data ? (
        <section className="print-area">
          <div className="card-top">
            <h2>
              {t(`outreach.list.${current}`)} · {q.data.scope.tripName ?? t('outreach.wholeStation')} · {t('outreach.rows', { count: rows.length })}
            </h2>
            <button type="button" className="no-print" onClick={() => void printDocument()}>
              {t('trips.print')}
            </button>
          </div>
          {q.data.target ? (
            <p data-testid="outreach-target">
              {t(q.data.target.phase === 'in' ? 'outreach.targetIn' : 'outreach.targetBefore', { year: q.data.target.year, from: q.data.target.from, to: q.data.target.to, days: q.data.target.daysLeft })}
              {q.data.target.estimated ? ` ${t('outreach.estimated')}` : ''}
            </p>
          ) : null}
          <p className="small muted">{t('outreach.generatedOn', { date: q.data.generatedOn })}</p>
          {rows.length === 0 ? (
            <p className="empty">{t('outreach.empty')}</p>
          ) : (
            <table className="m16-table" data-testid="outreach-table">
              <thead>
                <tr>
                  <th>{t('outreach.name')}</th>
                  <th>{t('outreach.idNumber')}</th>
                  <th>{t('outreach.contact')}</th>
                  <th>{t('outreach.reason')}</th>
                  <th>{t('outreach.due')}</th>
                  <th className="no-print">{t('visits.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.personId}-${r.caseId ?? r.itemCode}`} className={r.overdue ? 'stands-out' : undefined}>
                    <td>{r.name}</td>
                    {/* Masked: the list is printed and carried to the villages; name, phone and address find the resident. */}
                    <td className="mono">{maskIdNumber(r.idNumber)}</td>
                    <td>
                      {r.phone ? <a href={`tel:${r.phone}`}>{r.phone}</a> : null}
                      {r.address ? <div className="small muted">{r.address}</div> : null}
                    </td>
                    <td>
                      {r.reason}
                      <div className="small muted">{loc(r.itemName)}</div>
                    </td>
                    <td>{r.due ? `${r.due}${r.overdue ? ` ${t('outreach.overdue')}` : ''}` : ''}</td>
                    <td className="no-print">
                      {r.caseId && (current === 'returned' || current === 'promise') ? (
                        <a className="button" href={current === 'returned' ? paths.correct(r.caseId) : paths.case(r.caseId)}>
                          {current === 'returned' ? t('outreach.correct') : t('outreach.openCase')}
                        </a>
                      ) : (
                        <a className="button primary" href={paths.intake({ person: r.personId, item: r.itemCode })} data-testid="outreach-intake">
                          {t('outreach.startIntake')}
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </div>
  );
}
