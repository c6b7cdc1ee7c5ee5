import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../../shared/cases/status';
import { OPEN_STATUSES } from '../../../../shared/cases/status';

/**
 * Due date and working days left; overdue in red (with words, not colour alone). An item handled on the spot that
 * waits for central says 待联网办结 instead (it is not overdue at the station).
 */
export function DueText({ slaDue, daysLeft, overdue, status, awaitingCentral = false }: { slaDue: string | null; daysLeft: number | null; overdue: boolean; status: CaseStatus; awaitingCentral?: boolean }) {
  const { t } = useTranslation();
  if (awaitingCentral) return <span className="due due-awaiting-central">{t('queue.awaitingCentral')}</span>;
  if (slaDue === null) return <span className="muted">—</span>;
  const open = OPEN_STATUSES.includes(status);
  let left = '';
  if (open && daysLeft !== null) {
    if (overdue || daysLeft < 0) left = t('queue.overdueBy', { count: Math.abs(daysLeft) });
    else if (daysLeft === 0) left = t('queue.dueToday');
    else left = t('queue.daysLeft', { count: daysLeft });
  }
  return (
    <span className={overdue ? 'due due-overdue' : 'due'}>
      <span className="mono">{slaDue}</span>
      {left ? <span className="due-left">{left}</span> : null}
    </span>
  );
}
