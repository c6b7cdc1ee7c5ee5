import { useTranslation } from 'react-i18next';
import { useNotify } from '../state/notify';

/** Confirmations (polite) and errors (assertive) of every action. */
export function Toasts() {
  const { t } = useTranslation();
  const { notices, dismiss } = useNotify();
  return (
    <div className="toasts">
      <div role="status" aria-live="polite" className="toast-stack">
        {notices
          .filter((n) => n.kind !== 'error')
          .map((n) => (
            <div key={n.id} className={`toast toast-${n.kind}`}>
              <span>{n.text}</span>
              <button type="button" className="icon-button" onClick={() => dismiss(n.id)} aria-label={t('common.close')}>
                ×
              </button>
            </div>
          ))}
      </div>
      <div role="alert" className="toast-stack">
        {notices
          .filter((n) => n.kind === 'error')
          .map((n) => (
            <div key={n.id} className="toast toast-error">
              <span>{n.text}</span>
              <button type="button" className="icon-button" onClick={() => dismiss(n.id)} aria-label={t('common.close')}>
                ×
              </button>
            </div>
          ))}
      </div>
    </div>
  );
}
