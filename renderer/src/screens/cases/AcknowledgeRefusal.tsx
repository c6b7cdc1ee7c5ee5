import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import type { ApiError } from '../../../../shared/api/errors';
import { canAcknowledgeRefusal } from '../../../../shared/cases/status';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useNotify } from '../../state/notify';

/**
 * 已知悉 under a refusal by central that nothing at the station can correct (a withdrawal that came after 办结, …):
 * with what the window did about it (optional), the case leaves 需处理 and its history says who took note.
 */
export function AcknowledgeRefusal({ view, onDone }: { view: CaseView; onDone(v: CaseView): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const c = view.case;
  if (!canAcknowledgeRefusal(c.status, c.syncState)) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api().invoke('cases.acknowledgeRefusal', { caseId: c.id, version: c.version, ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    notify('success', t('caseDetail.refusalAcknowledged'));
    onDone(r.value);
  };
  return (
    <form className="acknowledge-refusal" onSubmit={(e) => void submit(e)} data-testid="acknowledge-refusal" noValidate>
      <ErrorBanner error={error} />
      <label className="field">
        {t('caseDetail.refusalNote')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} placeholder={t('caseDetail.refusalNoteHint')} />
      </label>
      <button type="submit" disabled={busy}>
        {t('caseDetail.acknowledgeRefusal')}
      </button>
    </form>
  );
}
