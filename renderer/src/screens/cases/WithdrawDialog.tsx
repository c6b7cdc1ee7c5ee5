import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { Modal } from '../../components/Modal';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { messageOnly } from '../../lib/errors';
import { useApiQuery } from '../../hooks/useApiQuery';
import { withdrawalOutrunByDecision } from '../../../../shared/cases/status';

/**
 * Withdraw a case that central does not have yet; a reason is required. An item central decides on arrival, taken in
 * and not yet sent, is warned about: the withdrawal will reach central after the completion and not take effect.
 */
export function WithdrawDialog({ view, onDone, onClose }: { view: CaseView; onDone(v: CaseView): void; onClose(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const item = useApiQuery('catalog.get', { code: view.case.itemCode });
  const tooLate = item.data ? withdrawalOutrunByDecision(item.data.mode, view.case.status) : false;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api().invoke('cases.withdraw', { caseId: view.case.id, version: view.case.version, reason });
    setBusy(false);
    if (r.ok) onDone(r.value);
    else setError(r.error);
  };
  const fieldError = error?.field === 'reason' ? messageOnly(error.message) : null;
  return (
    <Modal
      title={t('withdraw.title', { caseNo: view.case.caseNo })}
      onClose={onClose}
      actions={
        <>
          <button type="submit" form="withdraw-form" className="danger" disabled={busy}>
            {t('withdraw.confirm')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <ErrorBanner error={error && !fieldError ? error : null} />
      {tooLate ? (
        <p className="hint" role="note" data-testid="withdraw-too-late">
          {t('withdraw.tooLate')}
        </p>
      ) : null}
      <form id="withdraw-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="withdraw-reason" label={t('withdraw.reason')} required error={fieldError}>
          <textarea {...inputAria('withdraw-reason', null, fieldError)} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} autoFocus />
        </Field>
      </form>
    </Modal>
  );
}
