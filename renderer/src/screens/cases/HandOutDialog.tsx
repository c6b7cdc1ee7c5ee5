import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import type { ApiError } from '../../../../shared/api/errors';
import { formatYuan } from '../../../../shared/money';
import { api } from '../../api/client';
import { Modal } from '../../components/Modal';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLocalized } from '../../lib/text';

/** 出件: confirm that the approved result is handed to the person at the window (the case is then completed). */
export function HandOutDialog({ view, onDone, onClose }: { view: CaseView; onDone(v: CaseView): void; onClose(): void }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const c = view.case;
  const confirm = async () => {
    setBusy(true);
    const r = await api().invoke('cases.handOut', { caseId: c.id, version: c.version });
    setBusy(false);
    if (r.ok) onDone(r.value);
    else setError(r.error);
  };
  return (
    <Modal
      title={t('handOut.title', { caseNo: c.caseNo })}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="primary" onClick={() => void confirm()} disabled={busy} autoFocus>
            {t('handOut.confirm')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <ErrorBanner error={error} />
      <p>{t('handOut.explain', { name: view.person.name, item: L(view.itemName) })}</p>
      {view.central.note ? (
        <p>
          {t('central.note')} <span lang="zh-CN">{view.central.note}</span>
        </p>
      ) : null}
      {view.central.payoutFen !== null ? <p>{t('handOut.payout', { amount: formatYuan(view.central.payoutFen) })}</p> : null}
      <p className="field-hint">{t('handOut.check')}</p>
    </Modal>
  );
}
