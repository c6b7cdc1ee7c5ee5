import { useTranslation } from 'react-i18next';
import { useSession } from './state/session';
import { lazy, Suspense } from 'react';
import { SignInScreen } from './screens/auth/SignInScreen';
import { LockScreen } from './screens/auth/LockScreen';
import { ChangePasswordScreen } from './screens/auth/ChangePasswordScreen';
import { Shell } from './Shell';
import { Loading } from './components/Loading';
import { ErrorBanner } from './components/ErrorBanner';
import { SecurityGate } from './screens/security/SecurityGate';

// Only a new station sees it: not part of the first load.
const SetupScreen = lazy(() => import('./screens/setup/SetupScreen'));
// Only a station whose data key is not open sees it (core/keys).
const UnlockScreen = lazy(() => import('./screens/setup/UnlockScreen'));

/** What the window shows by session phase: first-run setup, sign-in, the lock screen, or the workstation. */
export function Root() {
  const { t } = useTranslation();
  const { phase, user, locked, loadError, reload, session } = useSession();
  switch (phase) {
    case 'loading':
      return (
        <main className="centered-page" id="main">
          <Loading />
        </main>
      );
    case 'unreachable':
      return (
        <main className="centered-page" id="main">
          <h1 className="screen-title">{t('app.title')}</h1>
          <ErrorBanner error={loadError} />
          <button type="button" className="primary" onClick={reload}>
            {t('common.retry')}
          </button>
        </main>
      );
    case 'storeLocked':
      return (
        <Suspense fallback={<Loading />}>
          <UnlockScreen />
        </Suspense>
      );
    case 'setup':
      return (
        <Suspense fallback={<Loading />}>
          <SetupScreen />
        </Suspense>
      );
    case 'signIn':
      return <SignInScreen />;
    case 'ready':
      // A password a supervisor reset is changed before anything else opens.
      if (user && session?.mustChangePassword && !locked) return <ChangePasswordScreen />;
      return (
        <>
          {user ? (
            <SecurityGate>
              <Shell hidden={locked} />
            </SecurityGate>
          ) : null}
          {locked ? <LockScreen /> : null}
        </>
      );
  }
}
