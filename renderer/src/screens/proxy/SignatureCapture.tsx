import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';
import type { Signer, SignaturePurpose } from './signatures';

/**
 * An on-screen signature (signature_pad: smooth strokes from a mouse, a pen or a finger). Saved as a PNG: the
 * caller stores it as an attachment of the case.
 */
export function SignatureCapture({ hasProxy, busy, onSave }: { hasProxy: boolean; busy: boolean; onSave: (png: string, purpose: SignaturePurpose, signer: Signer) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [purpose, setPurpose] = useState<SignaturePurpose>(hasProxy ? 'authorisation' : 'receipt');
  const [signer, setSigner] = useState<Signer>('applicant');
  const [empty, setEmpty] = useState(true);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    c.width = c.offsetWidth * ratio;
    c.height = c.offsetHeight * ratio;
    c.getContext('2d')?.scale(ratio, ratio);
    const p = new SignaturePad(c, { penColor: '#000', backgroundColor: 'rgb(255,255,255)' });
    p.addEventListener('endStroke', () => setEmpty(p.isEmpty()));
    pad.current = p;
    return () => p.off();
  }, []);

  return (
    <div className="signature-capture">
      <div className="m16-grid">
        <label className="field">
          {t('capture.signFor')}
          <select value={purpose} onChange={(e) => setPurpose(e.target.value as SignaturePurpose)} data-testid="sign-purpose">
            {hasProxy ? <option value="authorisation">{t('capture.forAuthorisation')}</option> : null}
            <option value="receipt">{t('capture.forReceipt')}</option>
          </select>
        </label>
        <label className="field">
          {t('capture.signer')}
          <select value={signer} onChange={(e) => setSigner(e.target.value as Signer)}>
            <option value="applicant">{t('capture.applicant')}</option>
            {hasProxy ? <option value="agent">{t('capture.agent')}</option> : null}
          </select>
        </label>
      </div>
      <canvas ref={canvas} className="signature-canvas" aria-label={t('capture.signHere')} data-testid="signature-canvas" />
      <div className="form-actions">
        <button
          type="button"
          onClick={() => {
            pad.current?.clear();
            setEmpty(true);
          }}
        >
          {t('capture.clear')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={empty || busy}
          data-testid="sign-save"
          onClick={() => {
            const p = pad.current;
            if (!p || p.isEmpty()) return;
            onSave(p.toDataURL('image/png').replace(/^data:image\/png;base64,/, ''), purpose, signer);
            p.clear();
            setEmpty(true);
          }}
        >
          {t('capture.saveSignature')}
        </button>
      </div>
    </div>
  );
}
