import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useLocalized } from '../../lib/text';
import { paths } from '../../lib/router';
import '../../styles/mobile.css';

/**
 * 全程督办: the cases a helper follows to the end — the next step, the date that matters on the working calendar,
 * what central last said; returned cases and those due within 2 working days stand out; the principal's phone is
 * one click away (a tel: link, and copied for a desk phone).
 */
export default function MyCasesScreen() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const [includeDone, setIncludeDone] = useState(false);
  const q = useApiQuery('outreach.followups', includeDone ? { includeDone } : {});
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (phone: string) => {
    void navigator.clipboard?.writeText(phone).then(() => setCopied(phone));
  };
  return (
    <div>
      <ScreenHeading>{t('mycases.title')}</ScreenHeading>
      <div className="form-actions no-print">
        <label className="check">
          <input type="checkbox" checked={includeDone} onChange={(e) => setIncludeDone(e.target.checked)} />
          {t('mycases.includeDone')}
        </label>
        <a className="button" href={paths.batch()}>
          {t('batch.title')}
        </a>
      </div>
      <ErrorBanner error={q.error} />
      {q.loading && !q.data ? <Loading /> : null}
      {q.data && q.data.length === 0 ? <p className="empty">{t('mycases.none')}</p> : null}
      {q.data && q.data.length > 0 ? (
        <table className="m16-table" data-testid="mycases-table">
          <thead>
            <tr>
              <th>{t('trips.caseNo')}</th>
              <th>{t('mycases.principal')}</th>
              <th>{t('mycases.nextStep')}</th>
              <th>{t('mycases.due')}</th>
              <th>{t('mycases.central')}</th>
              <th>{t('mycases.helpers')}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.map((r) => (
              <tr key={r.caseId} className={r.standsOut ? 'stands-out' : undefined} data-stands-out={r.standsOut ? 'yes' : 'no'}>
                <td>
                  <a className="mono" href={paths.case(r.caseId)}>
                    {r.caseNo}
                  </a>
                  <div className="small">{loc(r.itemName)}</div>
                  <div className="small muted">{t(`status.${r.status}`)}</div>
                </td>
                <td>
                  {r.personName}
                  {r.personPhone ? (
                    <div>
                      <a href={`tel:${r.personPhone}`} data-testid="principal-phone">
                        📞 {r.personPhone}
                      </a>{' '}
                      <button type="button" className="link-button" onClick={() => copy(r.personPhone!)}>
                        {copied === r.personPhone ? t('mycases.copied') : t('mycases.copy')}
                      </button>
                    </div>
                  ) : null}
                  {r.proxyName ? (
                    <div className="small muted">
                      {t('mycases.agent', { name: r.proxyName })} {r.proxyPhone ? <a href={`tel:${r.proxyPhone}`}>{r.proxyPhone}</a> : null}
                    </div>
                  ) : null}
                </td>
                <td>
                  <strong>{t(`mycases.steps.${r.nextStep}`)}</strong>
                  {r.status === 'returned' ? (
                    <div>
                      <a href={paths.correct(r.caseId)}>{t('outreach.correct')}</a>
                    </div>
                  ) : null}
                </td>
                <td>
                  {r.due ?? ''}
                  {r.workingDaysLeft !== null ? (
                    <div className={r.workingDaysLeft < 0 ? 'due-overdue' : 'small'}>
                      {r.workingDaysLeft < 0 ? t('mycases.overdueBy', { count: -r.workingDaysLeft }) : t('mycases.daysLeft', { count: r.workingDaysLeft })}
                    </div>
                  ) : null}
                </td>
                <td>
                  {r.central.note ?? ''}
                  {r.central.syncError ? <div className="field-error">{r.central.syncError}</div> : null}
                </td>
                <td>{r.helpers.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
