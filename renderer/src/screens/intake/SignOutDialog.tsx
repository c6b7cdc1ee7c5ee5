import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal';

/**
 * Signing out with intakes typed but not saved: keep them (sealed with the user's key, offered again at their next
 * sign-in on this workstation) or drop them now.
 */
export function SignOutDialog({ count, onChoose, onCancel }: { count: number; onChoose: (drop: boolean) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      title={t('security.signOut.title')}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="primary" onClick={() => onChoose(false)} autoFocus data-testid="signout-keep">
            {t('security.signOut.keep')}
          </button>
          <button type="button" className="danger" onClick={() => onChoose(true)} data-testid="signout-drop">
            {t('security.signOut.drop')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <p>{t('security.signOut.explain', { count })}</p>
    </Modal>
  );
}
