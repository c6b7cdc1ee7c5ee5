import { useTranslation } from 'react-i18next';
import { useSession } from '../../state/session';
import { ChangePasswordForm } from './ChangePasswordForm';

/** After a supervisor reset the password: nothing else opens until the user chooses a new one. */
export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  return (
    <main className="centered-page" id="main">
      <div className="card auth-card" role="dialog" aria-modal="true" aria-labelledby="must-change-title">
        <h1 id="must-change-title" className="screen-title">
          {t('password.mustChangeTitle')}
        </h1>
        <p>{t('password.mustChangeExplain')}</p>
        <ChangePasswordForm idPrefix="must" />
        <button type="button" className="link-button" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </button>
      </div>
    </main>
  );
}
