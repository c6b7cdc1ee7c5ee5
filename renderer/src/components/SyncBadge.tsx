import { useTranslation } from 'react-i18next';
import type { SYNC_STATES } from '../../../shared/cases/model';

type SyncState = (typeof SYNC_STATES)[number];

/** Where a case stands with central: only here, waiting, uploading, synced, or refused. */
export function SyncBadge({ state }: { state: SyncState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge sync-badge sync-${state}`} data-testid="sync-badge" data-state={state}>
      <span className="visually-hidden">{t('caseDetail.sync')}: </span>
      {t(`syncState.${state}`)}
    </span>
  );
}
