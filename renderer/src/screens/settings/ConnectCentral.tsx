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
 * 连接中心 (supervisor): the central server's address (https://; http:// only for this machine) and the one-time code
 * its back office issued for this station, and — for a central with a provincial certificate — its certificate's
 * fingerprint or the CA's certificate → `sync.enroll`. Errors are shown beside the field they concern (address
 * unreachable or not https, code refused, a certificate that is not the pinned one).
 */
export function ConnectCentral() {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { view } = useSyncStatus();
  const current = view?.status ?? null;
  // The address typed here, else the one the station is connected to.
  const [typedUrl, setTypedUrl] = useState<string | null>(null);
  const [code, setCode] = useState('');
  // How to trust central's certificate beyond the system's store (optional): a pinned fingerprint, or a CA.
  const [pin, setPin] = useState('');
  const [ca, setCa] = useState('');
  const form = {
    centralUrl: typedUrl ?? current?.centralUrl ?? '',
    code,
    ...(pin.trim() !== '' ? { tlsPin: pin } : {}),
    ...(ca.trim() !== '' ? { tlsCaPem: ca } : {}),
  };
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
    setPin('');
    setCa('');
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
        <fieldset className="connect-tls">
          <legend>{t('connect.tlsLegend')}</legend>
          <p className="field-hint">{t('connect.tlsIntro')}</p>
          <Field id="central-pin" label={t('connect.pin')} hint={t('connect.pinHint')} error={errors.tlsPin}>
            <input
              {...inputAria('central-pin', true, errors.tlsPin)}
              type="text"
              className="mono"
              value={pin}
              onChange={(e) => setPin(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <Field id="central-ca" label={t('connect.ca')} hint={t('connect.caHint')} error={errors.tlsCaPem}>
            <textarea
              {...inputAria('central-ca', true, errors.tlsCaPem)}
              className="mono"
              rows={4}
              value={ca}
              onChange={(e) => setCa(e.target.value)}
              spellCheck={false}
            />
          </Field>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('connect.connecting') : current?.configured ? t('connect.reconnect') : t('connect.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
