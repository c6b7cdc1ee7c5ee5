import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordProblem } from '../../../../shared/passwords';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { Modal } from '../../components/Modal';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useNotify } from '../../state/notify';
import { fieldErrorFrom } from '../../lib/errors';

/** A supervisor sets a temporary password for a user who forgot theirs; the user must change it at next sign-in. */
export function ResetPasswordDialog({ account, onClose, onDone }: { account: { id: string; name: string; username: string }; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = passwordProblem(password, account.username);
    setError(problem);
    if (problem) return;
    setBusy(true);
    const r = await api().invoke('users.resetPassword', { userId: account.id, newPassword: password });
    setBusy(false);
    if (!r.ok) {
      setApiError(r.error.field === 'newPassword' ? null : r.error);
      setError(fieldErrorFrom(r.error).newPassword ?? null);
      return;
    }
    notify('success', t('users.resetDone', { name: account.name }));
    onDone();
  };

  return (
    <Modal title={t('users.resetTitle', { name: account.name })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>{t('users.resetExplain')}</p>
        <ErrorBanner error={apiError} />
        <Field id="reset-password" label={t('password.new')} required hint={t('users.passwordHint')} error={error}>
          <input {...inputAria('reset-password', true, error)} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" autoFocus />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {t('users.resetPassword')}
        </button>
      </form>
    </Modal>
  );
}
