import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import { formatYuan } from '../../../../shared/money';
import { AcknowledgeRefusal } from './AcknowledgeRefusal';

/**
 * What central said about the case, where the clerk cannot miss it: its refusal of a change (with the
 * reason, and 已知悉 when nothing at the station can correct it), the reviewer's note of a returned (退回补正) or not granted (不予办理) case, the payout of a completed claim.
 */
export function CentralNote({ view, onChanged }: { view: CaseView; onChanged(v: CaseView): void }) {
  const { t } = useTranslation();
  const c = view.case;
  const { note, payoutFen } = view.central;
  const canCorrect = view.actions.includes('resubmit');
  const parts = [];
  if (c.syncState === 'rejected') {
    parts.push(
      <div key="sync" className="banner banner-error central-banner" role="alert" data-testid="sync-error">
        <strong>{t('central.syncRejected')}</strong> <span lang="zh-CN">{c.syncError ?? t('central.noReason')}</span>
        <div className="small">{t('central.syncRejectedHint')}</div>
        <AcknowledgeRefusal view={view} onDone={onChanged} />
      </div>,
    );
  }
  if (c.status === 'returned') {
    parts.push(
      <div key="note" className="banner banner-warn central-banner" data-testid="central-note">
        <strong>{t('central.returnedNote')}</strong> <span lang="zh-CN">{note ?? t('central.noReason')}</span>
        {canCorrect ? <div className="small">{t('central.correctHint')}</div> : null}
      </div>,
    );
  } else if (c.status === 'rejected') {
    parts.push(
      <div key="note" className="banner banner-error central-banner" data-testid="central-note">
        <strong>{t('central.rejectedNote')}</strong> <span lang="zh-CN">{note ?? t('central.noReason')}</span>
      </div>,
    );
  } else if (note) {
    parts.push(
      <div key="note" className="banner banner-info central-banner" data-testid="central-note">
        <strong>{t('central.note')}</strong> <span lang="zh-CN">{note}</span>
      </div>,
    );
  }
  if (payoutFen !== null) {
    parts.push(
      <div key="payout" className="banner banner-ok central-banner" data-testid="central-payout">
        <strong>{t('central.payout')}</strong> <span className="payout-amount">{t('central.yuan', { amount: formatYuan(payoutFen) })}</span>
      </div>,
    );
  }
  if (parts.length === 0) return null;
  return (
    <section aria-label={t('central.label')} className="central-section">
      {parts}
    </section>
  );
}
