import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import { canAddAttachment, canRecordMaterials, isDecided } from '../../../../shared/cases/status';
import { api } from '../../api/client';
import { FilePicker } from '../../components/FilePicker';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { ApiError } from '../../../../shared/api/errors';
import type { PreparedFile } from '../../lib/files';
import { useLocalized } from '../../lib/text';
import { useNotify } from '../../state/notify';


/** Materials of the case: received or missing; record what arrived later; attach a scan or photo to one. */
export function CaseMaterials({ view, onChanged }: { view: CaseView; onChanged(v: CaseView): void }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const { notify } = useNotify();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const c = view.case;
  const canRecord = canRecordMaterials(c.status);
  const canAttach = canAddAttachment(c.status);
  const missing = view.materials.filter((m) => !m.received);

  const record = async () => {
    setBusy(true);
    const r = await api().invoke('cases.recordMaterials', { caseId: c.id, version: c.version, received: [...picked] });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setPicked(new Set());
    onChanged(r.value);
    notify('success', r.value.case.status !== c.status ? t('caseDetail.materialsCompleted', { status: t(`status.${r.value.case.status}`) }) : t('caseDetail.materialsRecorded'));
  };

  const attach = async (code: string, f: PreparedFile) => {
    setBusy(true);
    const r = await api().invoke('attachments.add', { caseId: c.id, version: c.version, materialCode: code, fileName: f.fileName, mime: f.mime, dataBase64: f.dataBase64 });
    if (!r.ok) {
      setBusy(false);
      setError(r.error);
      return;
    }
    const v = await api().invoke('cases.get', { caseId: c.id });
    setBusy(false);
    if (v.ok) onChanged(v.value);
    notify('success', t('files.added', { name: f.fileName }));
  };

  return (
    <section className="card" aria-labelledby="materials-title">
      <h2 id="materials-title">{t('caseDetail.materials')}</h2>
      <ErrorBanner error={error} />
      {canAttach && isDecided(c.status) ? (
        <p className="field-hint" data-testid="filed-after-decision">
          {t('caseDetail.filedAfterDecision')}
        </p>
      ) : null}
      <ul className="material-list">
        {view.materials.map((m) => (
          <li key={m.code} className={`material${m.needed && !m.received ? ' material-missing' : ''}`} data-material={m.code}>
            {!m.received && canRecord ? (
              <label className="check">
                <input
                  type="checkbox"
                  checked={picked.has(m.code)}
                  onChange={(e) =>
                    setPicked((p) => {
                      const n = new Set(p);
                      if (e.target.checked) n.add(m.code);
                      else n.delete(m.code);
                      return n;
                    })
                  }
                />
                {L(m.name)}
              </label>
            ) : (
              <span>{L(m.name)}</span>
            )}{' '}
            <span className={`tag ${m.received ? 'tag-ok' : m.needed ? 'tag-missing' : ''}`}>
              {m.received ? t('caseDetail.received') : m.needed ? t('caseDetail.missing') : t('intake.optional')}
            </span>
            {m.deferrable && !m.received ? <span className="tag tag-deferrable">{t('intake.deferrable')}</span> : null}
            {canAttach ? (
              <div className="material-files">
                <FilePicker label={L(m.name)} onFile={(f) => void attach(m.code, f)} disabled={busy} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {canRecord && missing.length > 0 ? (
        <button type="button" className="primary" disabled={busy || picked.size === 0} onClick={() => void record()}>
          {t('caseDetail.recordArrived', { count: picked.size })}
        </button>
      ) : null}
    </section>
  );
}
