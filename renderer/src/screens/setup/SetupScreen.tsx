import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PasswordSchema, RegionCodeSchema, StationCodeSchema, UsernameSchema } from '../../../../shared/api/channels/session';
import type { ApiError } from '../../../../shared/api/errors';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useSession } from '../../state/session';
import { useNotify } from '../../state/notify';
import { fieldErrorFrom, zodFieldErrors, type FieldErrors } from '../../lib/errors';
import { LanguageToggle } from '../settings/LanguageToggle';

const SetupFormSchema = z
  .object({
    code: StationCodeSchema,
    name: z.string().trim().min(1, '请填写站点名称').max(64),
    regionCode: RegionCodeSchema,
    username: UsernameSchema,
    displayName: z.string().trim().min(1, '请填写姓名').max(32),
    password: PasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: '两次输入的密码不一致', path: ['confirm'] });

type SetupForm = z.input<typeof SetupFormSchema>;

/** First run: the station (code, name, region) and its first supervisor. */
export function SetupScreen() {
  const { t } = useTranslation();
  const { initialize } = useSession();
  const { notify } = useNotify();
  const [form, setForm] = useState<SetupForm>({ code: '', name: '', regionCode: '', username: '', displayName: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (k: keyof SetupForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = SetupFormSchema.safeParse(form);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    const v = parsed.data;
    const r = await initialize({
      station: { code: v.code, name: v.name, regionCode: v.regionCode },
      supervisor: { username: v.username, displayName: v.displayName, password: v.password },
    });
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
        <p>{t('setup.intro')}</p>
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
    </main>
  );
}
