import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { CASE_STATUSES, type CaseStatus } from '../../../../shared/cases/status';

type Counts = ChannelOutput<'queue.counts'>;

/** Counts by status (and overdue) above the queue; each is a button that filters the list. */
export function QueueCounts({
  counts,
  onPick,
  onOverdue,
  onNeedsAction,
  onAwaitingCentral,
}: {
  counts: Counts | null;
  onPick(s: CaseStatus): void;
  onOverdue(): void;
  onNeedsAction(): void;
  onAwaitingCentral(): void;
}) {
  const { t } = useTranslation();
  return (
    <ul className="counts" aria-label={t('queue.countsLabel')}>
      {CASE_STATUSES.map((s) => (
        <li key={s}>
          <button type="button" className={`count count-${s}`} onClick={() => onPick(s)}>
            <span className="count-label">{t(`status.${s}`)}</span>
            <span className="count-value">{counts ? counts.byStatus[s] : '…'}</span>
          </button>
        </li>
      ))}
      <li>
        <button type="button" className="count count-overdue" onClick={onOverdue}>
          <span className="count-label">{t('queue.overdue')}</span>
          <span className="count-value">{counts ? counts.overdue : '…'}</span>
        </button>
      </li>
      <li>
        {/* Cases central refused: work for the window (correct and send again, or withdraw). */}
        <button type="button" className={`count count-needs-action${counts && counts.needsAction > 0 ? ' count-alert' : ''}`} onClick={onNeedsAction} data-testid="count-needs-action">
          <span className="count-label">{t('queue.needsAction')}</span>
          <span className="count-value">{counts ? counts.needsAction : '…'}</span>
        </button>
      </li>
      <li>
        {/* Items handled on the spot taken in offline: central completes them at the next sync (not overdue). */}
        <button type="button" className="count count-awaiting-central" onClick={onAwaitingCentral} data-testid="count-awaiting-central">
          <span className="count-label">{t('queue.awaitingCentral')}</span>
          <span className="count-value">{counts ? counts.awaitingCentral : '…'}</span>
        </button>
      </li>
    </ul>
  );
}
