import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../state/session';

export interface ModalProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** Footer buttons. */
  actions?: ReactNode;
  wide?: boolean;
}

/** A modal dialog on the native <dialog>: focus stays inside, Esc closes, the page behind is inert. */
export function Modal({ title, onClose, children, actions, wide }: ModalProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { locked } = useSession();
  // A modal makes everything else inert — the lock screen too: step aside while locked, come back after.
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (locked) d.close();
    else if (!d.open) d.showModal();
  }, [locked]);
  useEffect(() => {
    const d = ref.current;
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={`modal${wide ? ' modal-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      <div className="modal-body">{children}</div>
      {actions ? <div className="modal-actions">{actions}</div> : null}
    </dialog>
  );
}
