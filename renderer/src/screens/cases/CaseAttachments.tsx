import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Attachment } from '../../../../shared/api/channels/attachments';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { FilePicker } from '../../components/FilePicker';
import type { PreparedFile } from '../../lib/files';
import { base64ToBlob, dataUrl, formatSize } from '../../lib/files';
import { formatInstant } from '../../lib/dates';

interface Viewing {
  attachment: Attachment;
  dataBase64: string;
}

/** The case's scans and photos; opening one reads it through `attachments.get` (audited). */
export function CaseAttachments({ caseId, version, names }: { caseId: string; version: number; names: Record<string, string> }) {
  const { t } = useTranslation();
  const [list, setList] = useState<readonly Attachment[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [viewing, setViewing] = useState<Viewing | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api()
      .invoke('attachments.list', { caseId })
      .then((r) => {
        if (cancelled) return;
        if (r.ok) setList(r.value);
        else setError(r.error);
      });
    return () => {
      cancelled = true;
    };
  }, [caseId, version]);

  // 重新扫描: the new scan replaces the damaged one (the case view reloads with the case's new version).
  const rescan = async (a: Attachment, f: PreparedFile) => {
    setError(null);
    const r = await api().invoke('attachments.add', {
      caseId,
      version,
      fileName: f.fileName,
      mime: f.mime,
      dataBase64: f.dataBase64,
      replaces: a.id,
      ...(a.materialCode ? { materialCode: a.materialCode } : {}),
    });
    if (!r.ok) setError(r.error);
  };

  const open = async (id: string) => {
    const r = await api().invoke('attachments.get', { id });
    if (r.ok) setViewing(r.value);
    else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('caseDetail.attachments')}</h2>
      <ErrorBanner error={error} />
      {list.length === 0 ? (
        <p className="muted">{t('caseDetail.noAttachments')}</p>
      ) : (
        <ul className="attachment-list">
          {list.map((a) => (
            <li key={a.id}>
              <button type="button" className="link-button" onClick={() => void open(a.id)}>
                {a.fileName}
              </button>{' '}
              <span className="muted small">
                {a.materialCode ? (names[a.materialCode] ?? a.materialCode) : t('caseDetail.general')} · {formatSize(a.size)} · {formatInstant(a.createdAt)} ·{' '}
                {t(`uploadState.${a.uploadState}`)}
              </span>
              {a.damaged ? (
                <div className="banner banner-warn" role="alert" data-testid="attachment-damaged">
                  {t('caseDetail.damaged', { reason: a.damaged })}{' '}
                  <FilePicker label={t('caseDetail.rescan', { name: a.fileName })} onFile={(f) => void rescan(a, f)} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {viewing ? <AttachmentViewer viewing={viewing} onClose={() => setViewing(null)} /> : null}
    </section>
  );
}

function AttachmentViewer({ viewing, onClose }: { viewing: Viewing; onClose(): void }) {
  const { t } = useTranslation();
  const { attachment: a, dataBase64 } = viewing;
  const [pdfUrl, setPdfUrl] = useState<string | null>(null);
  useEffect(() => {
    if (a.mime !== 'application/pdf') return;
    const url = URL.createObjectURL(base64ToBlob(a.mime, dataBase64));
    // The object URL only exists once this effect has run; the link appears with it.
    const frame = requestAnimationFrame(() => setPdfUrl(url));
    return () => {
      cancelAnimationFrame(frame);
      URL.revokeObjectURL(url);
    };
  }, [a.mime, dataBase64]);
  return (
    <Modal title={a.fileName} onClose={onClose} wide>
      {a.mime.startsWith('image/') ? (
        <img className="attachment-image" src={dataUrl(a.mime, dataBase64)} alt={a.fileName} />
      ) : pdfUrl ? (
        <p>
          <a href={pdfUrl} download={a.fileName}>
            {t('caseDetail.downloadPdf', { name: a.fileName })}
          </a>
        </p>
      ) : null}
    </Modal>
  );
}
