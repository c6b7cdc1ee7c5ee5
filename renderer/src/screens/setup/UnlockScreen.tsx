import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/errors';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { api } from '../../api/client';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useSession } from '../../state/session';
import { LanguageToggle } from '../settings/LanguageToggle';

type LockStatus = ChannelOutput<'keys.lockStatus'>;

/**
 * The station's data is encrypted and its key is not open (core/keys): a passphrase station asks for its passphrase
 * (or, the first time, to choose one); otherwise — a new computer, a lost key file, a changed key store — the
 * recovery key the supervisor printed at setup opens it, and the key is then sealed for this computer again.
 */
export default function UnlockScreen() {
  const { t } = useTranslation();
  const { reload } = useSession();
  const [status, setStatus] = useState<LockStatus | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [useRecovery, setUseRecovery] = useState(false);
  const [form, setForm] = useState({ passphrase: '', confirm: '', recoveryKey: '', newPassphrase: '', confirmWeak: false });
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api()
      .invoke('keys.lockStatus', {})
      .then((r) => (r.ok ? setStatus(r.value) : setLoadError(r.error)));
  }, []);

  if (loadError) return <ErrorBanner error={loadError} />;
  if (!status) return <Loading />;

  const reason = status.reason;
  const passphraseMode = status.protection.kind === 'passphrase';
  const choosing = reason === 'passphrase_new';
  const askPassphrase = passphraseMode && !useRecovery && (reason === 'passphrase_required' || reason === 'passphrase_new' || reason === 'wrong_passphrase');
  const noRecovery = reason === 'keys_missing' || reason === 'keys_damaged';
  const fieldError = (f: string) => (error?.field === f ? error.message : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMismatch(false);
    if (askPassphrase && choosing && form.passphrase !== form.confirm) {
      setMismatch(true);
      return;
    }
    setBusy(true);
    const input = askPassphrase
      ? { passphrase: form.passphrase }
      : {
          recoveryKey: form.recoveryKey,
          ...(status.protection.weak ? { confirmWeakProtection: form.confirmWeak } : {}),
          ...(passphraseMode ? { newPassphrase: form.newPassphrase } : {}),
        };
    const r = await api().invoke('keys.unlock', input);
    setBusy(false);
    if (r.ok) reload();
    else {
      setError(r.error);
      setForm((f) => ({ ...f, passphrase: '', confirm: '' }));
    }
  };

  /** This computer's own protection again (the USB key with the key file plugged in meanwhile). */
  const retry = async () => {
    setBusy(true);
    const r = await api().invoke('keys.unlock', { retry: true });
    setBusy(false);
    if (r.ok) reload();
    else setError(r.error);
  };

  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  return (
    <main className="centered-page" id="main">
      <div className="card auth-card wide">
        <div className="card-top">
          <ScreenHeading>{t(choosing ? 'security.unlock.chooseTitle' : 'security.unlock.title')}</ScreenHeading>
          <LanguageToggle />
        </div>
        <p>{t(`security.lockReason.${reason ?? 'no_local_wrap'}`)}</p>
        {status.message ? <p className="field-hint">{status.message}</p> : null}
        <ErrorBanner error={error && !['passphrase', 'recoveryKey', 'newPassphrase', 'confirmWeakProtection'].includes(error.field ?? '') ? error : null} />
        {noRecovery ? (
          <p>{t('security.unlock.restoreInstead')}</p>
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            {askPassphrase ? (
              <>
                <Field id="unlock-passphrase" label={t('security.unlock.passphrase')} required hint={choosing ? t('security.unlock.passphraseHint') : undefined} error={fieldError('passphrase')}>
                  <input {...inputAria('unlock-passphrase', choosing, fieldError('passphrase'))} type="password" value={form.passphrase} onChange={set('passphrase')} autoComplete={choosing ? 'new-password' : 'current-password'} autoFocus required />
                </Field>
                {choosing ? (
                  <Field id="unlock-confirm" label={t('security.unlock.confirmPassphrase')} required error={mismatch ? t('security.unlock.mismatch') : null}>
                    <input {...inputAria('unlock-confirm', null, mismatch)} type="password" value={form.confirm} onChange={set('confirm')} autoComplete="new-password" required />
                  </Field>
                ) : null}
              </>
            ) : (
              <>
                <Field id="unlock-recovery" label={t('security.recoveryKey')} required hint={t('security.unlock.recoveryHint')} error={fieldError('recoveryKey')}>
                  <input {...inputAria('unlock-recovery', true, fieldError('recoveryKey'))} className="mono recovery-input" value={form.recoveryKey} onChange={set('recoveryKey')} inputMode="numeric" autoComplete="off" spellCheck={false} autoFocus required />
                </Field>
                {passphraseMode ? (
                  <Field id="unlock-new-passphrase" label={t('security.unlock.newPassphrase')} required hint={t('security.unlock.passphraseHint')} error={fieldError('newPassphrase')}>
                    <input {...inputAria('unlock-new-passphrase', true, fieldError('newPassphrase'))} type="password" value={form.newPassphrase} onChange={set('newPassphrase')} autoComplete="new-password" required />
                  </Field>
                ) : null}
                {status.protection.weak ? (
                  <div className={`field${fieldError('confirmWeakProtection') ? ' field-invalid' : ''}`}>
                    <label className="check">
                      <input type="checkbox" checked={form.confirmWeak} onChange={(e) => setForm((f) => ({ ...f, confirmWeak: e.target.checked }))} />
                      {t('security.weak.confirm')}
                    </label>
                    <p className="field-hint">{t('security.weak.explain')}</p>
                    {fieldError('confirmWeakProtection') ? <p className="field-error">{fieldError('confirmWeakProtection')}</p> : null}
                  </div>
                ) : null}
              </>
            )}
            <button type="submit" className="primary block" disabled={busy}>
              {t(askPassphrase ? (choosing ? 'security.unlock.setPassphrase' : 'security.unlock.submit') : 'security.unlock.withRecovery')}
            </button>
            {!passphraseMode ? (
              <button type="button" className="link-button" disabled={busy} onClick={() => void retry()}>
                {t('security.unlock.retry')}
              </button>
            ) : null}
            {passphraseMode && !choosing ? (
              <button type="button" className="link-button" onClick={() => setUseRecovery((u) => !u)}>
                {t(useRecovery ? 'security.unlock.usePassphrase' : 'security.unlock.forgot')}
              </button>
            ) : null}
          </form>
        )}
      </div>
    </main>
  );
}
