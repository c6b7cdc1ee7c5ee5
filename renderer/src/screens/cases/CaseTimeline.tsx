import { useTranslation } from 'react-i18next';
import type { CaseEvent } from '../../../../shared/cases/model';
import { maskIdNumber } from '../../../../shared/identity';
import { formatInstant } from '../../lib/dates';
import { collectorOf } from './collector';

/** Who did what when, oldest first; for 出件, who collected the result when it was not the person. */
export function CaseTimeline({ events }: { events: readonly CaseEvent[] }) {
  const { t, i18n } = useTranslation();
  const relationshipName = (r: string) => (i18n.exists(`relationship.${r}`) ? t(`relationship.${r}`) : r);
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('caseDetail.timeline')}</h2>
      <ol className="timeline">
        {events.map((e) => {
          const collector = e.kind === 'hand_out' ? collectorOf(e.data) : null;
          return (
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
                {collector ? (
                  <div className="small" data-testid="event-collector">
                    {t('caseDetail.collectedBy', {
                      who: collector.relationship ? t('caseDetail.collectorWithRelationship', { name: collector.name, relationship: relationshipName(collector.relationship) }) : collector.name,
                    })}
                    {collector.idNumber ? (
                      <>
                        {' · '}
                        <span className="mono">{t('caseDetail.collectorId', { id: maskIdNumber(collector.idNumber) })}</span>
                      </>
                    ) : null}
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
