import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setupInitialize } from '../../../../shared/api/channels/setup';
import type { ApiError } from '../../../../shared/api/errors';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useSession } from '../../state/session';
import { useNotify } from '../../state/notify';
import { fieldErrorFrom, zodFieldErrors, type FieldErrors } from '../../lib/errors';
import { LanguageToggle } from '../settings/LanguageToggle';
import { RestoreFromBackup } from '../security/RestoreFromBackup';

interface SetupForm {
  code: string;
  name: string;
  regionCode: string;
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** First run: the station (code, name, region) and its first supervisor. */
export default function SetupScreen() {
  const { t } = useTranslation();
  const { initialize } = useSession();
  const { notify } = useNotify();
  const [form, setForm] = useState<SetupForm>({ code: '', name: '', regionCode: '', username: '', displayName: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // A new install of a station that exists: restore its backup instead (with the recovery key printed at its setup).
  const [restoring, setRestoring] = useState(false);

  const set = (k: keyof SetupForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      station: { code: form.code.trim(), name: form.name.trim(), regionCode: form.regionCode.trim() },
      supervisor: { username: form.username.trim(), displayName: form.displayName.trim(), password: form.password },
    };
    // The core's own input schema gives the same Chinese messages here, before anything is sent.
    const parsed = setupInitialize.input.safeParse(input);
    const fe: FieldErrors = {};
    if (!parsed.success) {
      for (const [k, m] of Object.entries(zodFieldErrors(parsed.error))) fe[k.replace(/^(station|supervisor)\./, '')] = m;
    }
    if (form.password !== form.confirm) fe.confirm = t('setup.passwordMismatch');
    setErrors(fe);
    if (Object.keys(fe).length > 0) return;
    setBusy(true);
    const r = await initialize(input);
    setBusy(false);
    if (!r.ok) {
      setApiError(r.error);
      const fe = fieldErrorFrom(r.error);
      const mapped: FieldErrors = {};
      for (const [k, m] of Object.entries(fe)) mapped[k.replace(/^(station|supervisor)\./, '')] = m;
      setErrors(mapped);
    } else {
      notify('success', t('setup.done'));
    }
  };

  const row = (k: keyof SetupForm, label: string, opts: { type?: string; hint?: string; autoComplete?: string; upper?: boolean } = {}) => (
    <Field id={`setup-${k}`} label={label} required hint={opts.hint} error={errors[k]}>
      <input
        {...inputAria(`setup-${k}`, opts.hint, errors[k])}
        type={opts.type ?? 'text'}
        value={form[k]}
        onChange={opts.upper ? (e) => setForm((f) => ({ ...f, [k]: e.target.value.toUpperCase() })) : set(k)}
        autoComplete={opts.autoComplete ?? 'off'}
        required
      />
    </Field>
  );

  return (
    <main className="centered-page" id="main">
      <div className="card auth-card wide">
        <div className="card-top">
          <ScreenHeading>{t('setup.title')}</ScreenHeading>
          <LanguageToggle />
        </div>
        {restoring ? <RestoreFromBackup onCancel={() => setRestoring(false)} /> : null}
        <div hidden={restoring}>
          <p>{t('setup.intro')}</p>
          <p>
            <button type="button" className="link-button" onClick={() => setRestoring(true)}>
              {t('backup.restore.offer')}
            </button>
          </p>
          <ErrorBanner error={apiError} />
          <form onSubmit={(e) => void submit(e)} noValidate>
            <fieldset>
              <legend>{t('setup.station')}</legend>
              {row('code', t('setup.stationCode'), { hint: t('setup.stationCodeHint'), upper: true })}
              {row('name', t('setup.stationName'))}
              {row('regionCode', t('setup.regionCode'), { hint: t('setup.regionCodeHint') })}
            </fieldset>
            <fieldset>
              <legend>{t('setup.supervisor')}</legend>
              {row('username', t('signIn.username'), { autoComplete: 'username' })}
              {row('displayName', t('users.displayName'), { autoComplete: 'name' })}
              {row('password', t('signIn.password'), { type: 'password', hint: t('users.passwordHint'), autoComplete: 'new-password' })}
              {row('confirm', t('setup.confirmPassword'), { type: 'password', autoComplete: 'new-password' })}
            </fieldset>
            <button type="submit" className="primary" disabled={busy}>
              {t('setup.submit')}
            </button>
          </form>
        </div>
      </div>
    </main>
  );
}
