import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '../../../../shared/cases/model';
import { formatInstant } from '../../lib/dates';

/** Who did what when, oldest first. */
export function CaseTimeline({ events }: { events: readonly CaseEvent[] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('caseDetail.timeline')}</h2>
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id} className="timeline-item">
            <time dateTime={e.at} className="mono">
              {formatInstant(e.at)}
            </time>
            <div>
              <strong>{t(`eventKind.${e.kind}`)}</strong>
              {e.fromStatus !== null && e.fromStatus !== e.toStatus ? (
                <span className="muted">
                  {' '}
                  {e.fromStatus ? t(`status.${e.fromStatus}`) : ''} → {t(`status.${e.toStatus}`)}
                </span>
              ) : null}
              <div className="small">
                {e.actorName} · {e.actorRole === 'system' || e.actorRole === 'central' ? t(`actor.${e.actorRole}`) : t(`role.${e.actorRole}`)}
              </div>
              {e.reason ? <div className="small">{t('caseDetail.reason', { reason: e.reason })}</div> : null}
              {typeof e.data.promiseDate === 'string' ? <div className="small">{t('caseDetail.promiseDate', { date: e.data.promiseDate })}</div> : null}
              {typeof e.data.slaDue === 'string' ? <div className="small">{t('caseDetail.slaDue', { date: e.data.slaDue })}</div> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
