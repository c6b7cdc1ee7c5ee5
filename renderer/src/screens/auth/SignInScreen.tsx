import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/errors';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useSession } from '../../state/session';
import { LanguageToggle } from '../settings/LanguageToggle';

/** Sign in with a local account. */
export function SignInScreen() {
  const { t } = useTranslation();
  const { signIn, station, endedBecause } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await signIn(username.trim(), password);
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      setPassword('');
    }
  };

  const userError = error?.field === 'username' ? error.message : null;
  const passError = error?.field === 'password' ? error.message : null;
  return (
    <main className="centered-page" id="main">
      <div className="card auth-card">
        <div className="card-top">
          <ScreenHeading focus={false}>{t('signIn.title')}</ScreenHeading>
          <LanguageToggle />
        </div>
        <p className="muted">{station ? `${station.name}（${station.code}）` : t('app.title')}</p>
        {/* Why the last session ended (an account a supervisor changed), until a new attempt. */}
        <ErrorBanner error={error && !error.field ? error : error ? null : endedBecause} />
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field id="signin-username" label={t('signIn.username')} required error={userError}>
            <input
              {...inputAria('signin-username', null, userError)}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoComplete="username"
              autoFocus
              required
            />
          </Field>
          <Field id="signin-password" label={t('signIn.password')} required error={passError}>
            <input
              {...inputAria('signin-password', null, passError)}
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              required
            />
          </Field>
          <button type="submit" className="primary block" disabled={busy || username.trim() === '' || password === ''}>
            {t('signIn.submit')}
          </button>
        </form>
        <p className="muted small">{t('signIn.roles')}</p>
      </div>
    </main>
  );
}
