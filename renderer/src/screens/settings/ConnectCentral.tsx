import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { syncEnroll } from '../../../../shared/api/channels/sync';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { applySyncResult, useSyncStatus } from '../../hooks/syncStatus';
import { fieldErrorFrom, zodFieldErrors, type FieldErrors } from '../../lib/errors';
import { paths } from '../../lib/router';
import { useNotify } from '../../state/notify';

/**
 * 连接中心 (supervisor): the central server's address and the one-time code its back office issued for this
 * station → `sync.enroll`. Errors are shown beside the field they concern (address unreachable, code refused).
 */
export function ConnectCentral() {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { view } = useSyncStatus();
  const current = view?.status ?? null;
  // The address typed here, else the one the station is connected to.
  const [typedUrl, setTypedUrl] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const form = { centralUrl: typedUrl ?? current?.centralUrl ?? '', code };
  const [errors, setErrors] = useState<FieldErrors>({});
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = syncEnroll.input.safeParse(form);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      setApiError(null);
      return;
    }
    setErrors({});
    setBusy(true);
    const r = await api().invoke('sync.enroll', parsed.data);
    setBusy(false);
    if (!r.ok) {
      const fe = fieldErrorFrom(r.error);
      setErrors(fe);
      setApiError(Object.keys(fe).length > 0 ? null : r.error);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.connect-central [aria-invalid="true"]')?.focus());
      return;
    }
    setApiError(null);
    setCode('');
    applySyncResult(r.value.status);
    notify('success', t('connect.done', { name: r.value.stationName }));
  };

  return (
    <section className="card connect-central" aria-labelledby="connect-title">
      <h2 id="connect-title">{t('connect.title')}</h2>
      {current?.configured ? (
        <p className="banner banner-ok" data-testid="connect-current">
          {t('connect.connected', { url: current.centralUrl ?? '' })} <a href={paths.sync()}>{t('connect.toSync')}</a>
        </p>
      ) : (
        <p className="field-hint">{t('connect.intro')}</p>
      )}
      <ErrorBanner error={apiError} />
      <form onSubmit={(e) => void submit(e)} noValidate className="connect-form">
        <Field id="central-url" label={t('connect.url')} required hint={t('connect.urlHint')} error={errors.centralUrl}>
          <input
            {...inputAria('central-url', true, errors.centralUrl)}
            type="url"
            className="mono"
            value={form.centralUrl}
            onChange={(e) => setTypedUrl(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder="https://"
          />
        </Field>
        <Field id="central-code" label={t('connect.code')} required hint={t('connect.codeHint')} error={errors.code}>
          <input
            {...inputAria('central-code', true, errors.code)}
            type="text"
            className="mono"
            value={form.code}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('connect.connecting') : current?.configured ? t('connect.reconnect') : t('connect.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
