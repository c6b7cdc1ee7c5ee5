import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/errors';
import type { DevicePrincipal } from '../../../shared/api/channels/devices';
import { ensureDevice, type PublicPage } from './device';

/** Pairing a public screen: the key a supervisor issued (设置 → 叫号屏与取号机), typed or pasted once. */
export function Pairing({ page, error, onPaired }: { page: PublicPage; error: ApiError | null; onPaired: (d: DevicePrincipal) => void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(error?.message ?? null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await ensureDevice(page, key.trim());
    if ('device' in r) onPaired(r.device);
    else setProblem(r.error?.message ?? t('frontOffice.pair.badKey'));
  };
  return (
    <main className="public-page pairing" id="main">
      <h1>{t(page === 'display' ? 'frontOffice.pair.titleDisplay' : 'frontOffice.pair.titleKiosk')}</h1>
      <p>{t('frontOffice.pair.hint')}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="device-key">{t('frontOffice.pair.key')}</label>
        <input id="device-key" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" spellCheck={false} aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'device-key-error' : undefined} />
        {problem ? (
          <p className="field-error" id="device-key-error" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" className="primary">
          {t('frontOffice.pair.submit')}
        </button>
      </form>
    </main>
  );
}
