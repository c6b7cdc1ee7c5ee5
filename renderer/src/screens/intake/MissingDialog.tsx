import { useTranslation } from 'react-i18next';
import type { MissingMaterial } from '../../../../shared/api/errors';
import { Modal } from '../../components/Modal';
import { useLocalized } from '../../lib/text';

/** Something that cannot wait is missing: no acceptance; offer the printed 一次性告知书 listing everything missing. */
export function MissingDialog({ missing, message, onNotice, onClose }: { missing: readonly MissingMaterial[]; message: string; onNotice(): void; onClose(): void }) {
  const { t } = useTranslation();
  const L = useLocalized();
  return (
    <Modal
      title={t('missing.title')}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="primary" onClick={onNotice} autoFocus>
            {t('missing.printNotice')}
          </button>
          <button type="button" onClick={onClose}>
            {t('missing.back')}
          </button>
        </>
      }
    >
      <p role="alert" lang="zh-CN">
        {message}
      </p>
      <ul className="missing-list">
        {missing.map((m) => (
          <li key={m.code}>
            {L(m.name)}
            {m.deferrable ? <span className="tag tag-deferrable">{t('intake.deferrable')}</span> : null}
          </li>
        ))}
      </ul>
      <p className="muted">{t('missing.draftKept')}</p>
    </Modal>
  );
}
