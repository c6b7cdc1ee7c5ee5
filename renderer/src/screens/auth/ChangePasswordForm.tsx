import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authChangePassword } from '../../../../shared/api/channels/auth';
import { passwordProblem } from '../../../../shared/passwords';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useNotify } from '../../state/notify';
import { useSession, useUser } from '../../state/session';
import { fieldErrorFrom, zodFieldErrors, type FieldErrors } from '../../lib/errors';

/**
 * Change your own password: the current one, the new one twice. The rule (≥ 10 characters, two classes, not the
 * user name, not common: shared/passwords) is checked here with the core's own words before anything is sent.
 */
export function ChangePasswordForm({ idPrefix = 'pw' }: { idPrefix?: string }) {
  const { t } = useTranslation();
  const user = useUser();
  const { passwordChanged } = useSession();
  const { notify } = useNotify();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const id = (k: string) => `${idPrefix}-${k}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = { currentPassword: form.currentPassword, newPassword: form.newPassword };
    const parsed = authChangePassword.input.safeParse(input);
    const fe: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
    const problem = fe.newPassword ? null : passwordProblem(form.newPassword, user.username);
    if (problem) fe.newPassword = problem;
    if (form.newPassword !== form.confirm) fe.confirm = t('setup.passwordMismatch');
    setErrors(fe);
    if (Object.keys(fe).length > 0) return;
    setBusy(true);
    const r = await api().invoke('auth.changePassword', input);
    setBusy(false);
    if (!r.ok) {
      setApiError(r.error.field ? null : r.error);
      setErrors(fieldErrorFrom(r.error));
      return;
    }
    setApiError(null);
    setForm({ currentPassword: '', newPassword: '', confirm: '' });
    notify('success', t('password.changed'));
    passwordChanged(r.value.session);
  };

  const row = (k: 'currentPassword' | 'newPassword' | 'confirm', label: string, hint?: string) => (
    <Field id={id(k)} label={label} required hint={hint} error={errors[k]}>
      <input
        {...inputAria(id(k), hint, errors[k])}
        type="password"
        value={form[k]}
        onChange={(e) => setForm((f) => ({ ...f, [k]: e.target.value }))}
        autoComplete={k === 'currentPassword' ? 'current-password' : 'new-password'}
      />
    </Field>
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="change-password">
      <ErrorBanner error={apiError} />
      {row('currentPassword', t('password.current'))}
      {row('newPassword', t('password.new'), t('users.passwordHint'))}
      {row('confirm', t('setup.confirmPassword'))}
      <button type="submit" className="primary" disabled={busy}>
        {t('password.change')}
      </button>
    </form>
  );
}
