import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/api/contract';

/** What the last "sync now" did: ops applied, duplicates, refusals, attachments uploaded, changes pulled — or why it failed. */
export function SyncResult({ result }: { result: ChannelOutput<'sync.now'> }) {
  const { t } = useTranslation();
  if (!result.ok) {
    return (
      <div className="banner banner-error" role="alert" data-testid="sync-result">
        {t('sync.failed')} <span lang="zh-CN">{result.error}</span>
      </div>
    );
  }
  const p = result.pushed;
  return (
    <div className="banner banner-ok" role="status" data-testid="sync-result">
      {t('sync.done')}{' '}
      {p ? t('sync.pushed', { applied: p.applied, duplicate: p.duplicate, rejected: p.rejected, uploaded: p.uploaded }) : null} {t('sync.pulled', { count: result.pulled })}
    </div>
  );
}
