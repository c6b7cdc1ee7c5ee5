import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../../shared/api/channels/queue';
import { maskIdNumber } from '../../../../shared/identity';
import { StatusBadge } from '../../components/StatusBadge';
import { currentLocale } from '../../lib/text';
import { DueText } from './DueText';

interface Props {
  row: QueueRow | undefined;
  index: number;
  total: number;
  top: number;
  height: number;
  active: boolean;
  mine: boolean;
  onOpen(index: number): void;
}

/** One case in the work queue (absolutely placed at `top` by the virtual list). */
export const QueueRowView = memo(function QueueRowView({ row, index, total, top, height, active, mine, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n.language);
  const style = { top, height };
  if (!row) {
    return (
      <div id={`qrow-${index}`} role="option" aria-selected={active} aria-setsize={total} aria-posinset={index + 1} className="qrow qrow-pending" style={style}>
        <span className="muted">{t('common.loading')}</span>
      </div>
    );
  }
  return (
    <div
      id={`qrow-${index}`}
      role="option"
      aria-selected={active}
      aria-setsize={total}
      aria-posinset={index + 1}
      className={`qrow${active ? ' qrow-active' : ''}${row.overdue ? ' qrow-overdue' : ''}`}
      style={style}
      data-case-no={row.caseNo}
      onClick={() => onOpen(index)}
    >
      <span className="qcell qcell-no mono">{row.caseNo}</span>
      <span className="qcell qcell-person">
        <span className="person-name">{row.personName}</span>
        <span className="muted mono small">{maskIdNumber(row.personIdNumber)}</span>
        {row.syncState === 'rejected' && row.syncError ? <span className="refusal-reason small">{row.syncError}</span> : null}
      </span>
      <span className="qcell qcell-item">
        {row.itemName[locale]}
        {row.proxyName ? <span className="tag tag-proxy">{t('queue.proxyBy', { name: row.proxyName })}</span> : null}
      </span>
      <span className="qcell qcell-status">
        <StatusBadge status={row.status} />
        {mine ? <span className="tag tag-mine">{t('queue.mineTag')}</span> : null}
        {row.syncState === 'rejected' ? (
          <span className="tag tag-missing" title={row.syncError ?? undefined} data-testid="row-refused">
            {t('syncState.rejected')}
          </span>
        ) : null}
      </span>
      <span className="qcell qcell-due">
        <DueText slaDue={row.slaDue} daysLeft={row.workingDaysLeft} overdue={row.overdue} status={row.status} awaitingCentral={row.awaitingCentral} />
      </span>
    </div>
  );
});
