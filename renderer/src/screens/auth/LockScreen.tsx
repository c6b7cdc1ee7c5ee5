import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/errors';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useSession } from '../../state/session';

/** After idle time (or Alt+L): the work stays where it was, hidden, until the same user types the password again. */
export function LockScreen() {
  const { t } = useTranslation();
  const { lockedUsername, signIn, switchUser } = useSession();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!lockedUsername) return;
    setBusy(true);
    const r = await signIn(lockedUsername, password);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      setPassword('');
    }
  };

  return (
    <main className="centered-page lock-page" id="lock">
      <div className="card auth-card" role="dialog" aria-modal="true" aria-labelledby="lock-title">
        <h1 id="lock-title" className="screen-title">
          {t('lock.title')}
        </h1>
        <p>{t('lock.explain', { username: lockedUsername ?? '' })}</p>
        <ErrorBanner error={error && error.field !== 'password' ? error : null} />
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field id="lock-password" label={t('signIn.password')} required error={error?.field === 'password' ? error.message : null}>
            <input
              {...inputAria('lock-password', null, error?.field === 'password')}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              autoFocus
              required
            />
          </Field>
          <button type="submit" className="primary block" disabled={busy || password === ''}>
            {t('lock.unlock')}
          </button>
        </form>
        <button type="button" className="link-button" onClick={switchUser}>
          {t('lock.switchUser')}
        </button>
      </div>
    </main>
  );
}
