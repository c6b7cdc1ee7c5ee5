import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useLocalized } from '../../lib/text';
import { dataUrl } from '../../lib/files';
import { paths } from '../../lib/router';
import { useNotify } from '../../state/notify';
import { CameraCapture } from './CameraCapture';
import { SignatureCapture } from './SignatureCapture';
import { findSignature, signatureFileName } from './signatures';
import '../../styles/mobile.css';

/**
 * 拍照与签名: photograph a document straight into the case's attachments (for one of its materials, which it then
 * marks received), and sign on screen — the authorisation (授权委托书, as its material) or the receipt's signature
 * line. Choosing a file stays on the case screen.
 */
export default function CaptureScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const { notify } = useNotify();
  const view = useApiQuery('cases.get', { caseId });
  const atts = useApiQuery('attachments.list', { caseId });
  const [material, setMaterial] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState<number | null>(null);

  if (view.error) return <ErrorBanner error={view.error} />;
  if (!view.data) return <Loading />;
  const c = view.data.case;
  const hasProxy = c.proxy !== null;
  const add = async (input: { fileName: string; mime: 'image/jpeg' | 'image/png'; dataBase64: string; materialCode?: string }) => {
    setBusy(true);
    setError(null);
    const r = await api().invoke('attachments.add', { caseId, version: version ?? c.version, ...input });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setVersion(r.value.caseVersion);
    notify('success', t('capture.saved', { name: r.value.attachment.fileName }));
    atts.reload();
    view.reload();
  };
  const signed = (purpose: 'authorisation' | 'receipt') => findSignature(atts.data ?? [], purpose);

  return (
    <div>
      <p className="breadcrumb">
        <a href={paths.case(caseId)}>{c.caseNo}</a>
      </p>
      <ScreenHeading>{t('capture.title', { name: view.data.person.name })}</ScreenHeading>
      <ErrorBanner error={error} />
      <section className="card" aria-labelledby="photo-title">
        <h2 id="photo-title">{t('capture.photo')}</h2>
        <label className="field">
          {t('capture.material')}
          <select value={material} onChange={(e) => setMaterial(e.target.value)} data-testid="capture-material">
            <option value="">{t('capture.noMaterial')}</option>
            {view.data.materials.map((m) => (
              <option key={m.code} value={m.code}>
                {loc(m.name)}
                {m.received ? ` ✓` : ''}
              </option>
            ))}
          </select>
        </label>
        <CameraCapture
          busy={busy}
          onSave={(jpeg) => {
            const name = view.data!.materials.find((m) => m.code === material);
            void add({ fileName: t('capture.photoFileName', { name: name ? loc(name.name) : t('capture.document') }), mime: 'image/jpeg', dataBase64: jpeg, ...(material ? { materialCode: material } : {}) });
          }}
        />
      </section>
      <section className="card" aria-labelledby="sign-title">
        <h2 id="sign-title">{t('capture.sign')}</h2>
        <SignatureCapture
          hasProxy={hasProxy}
          busy={busy}
          onSave={(png, purpose, signer) => {
            const asMaterial = purpose === 'authorisation' && view.data!.materials.some((m) => m.code === 'authorisation');
            void add({ fileName: signatureFileName(purpose, signer), mime: 'image/png', dataBase64: png, ...(asMaterial ? { materialCode: 'authorisation' } : {}) });
          }}
        />
        <ul data-testid="signatures">
          {(['authorisation', 'receipt'] as const).map((p) => {
            const s = signed(p);
            return s ? (
              <li key={p}>
                {t(p === 'authorisation' ? 'capture.forAuthorisation' : 'capture.forReceipt')}：{s.fileName} <SignatureImage id={s.id} />
              </li>
            ) : null;
          })}
        </ul>
        <div className="form-actions">
          {hasProxy ? (
            <a className="button" href={paths.authorisation(caseId)} data-testid="print-authorisation">
              {t('authorisation.print')}
            </a>
          ) : null}
          <a className="button" href={paths.receipt(caseId)}>
            {t('capture.toReceipt')}
          </a>
        </div>
      </section>
    </div>
  );
}

/** A signature image, read from the case's attachments (an audited read). */
export function SignatureImage({ id }: { id: string }) {
  const q = useApiQuery('attachments.get', { id });
  if (!q.data) return null;
  return <img className="signature-image" src={dataUrl(q.data.attachment.mime, q.data.dataBase64)} alt="" />;
}
