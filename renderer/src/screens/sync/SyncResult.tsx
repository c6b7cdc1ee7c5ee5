import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { syncOutcome } from './outcome';

/**
 * What the last "sync now" did: ops applied, duplicates, refusals, attachments uploaded, changes pulled — or why it
 * failed. Refusals are never shown as success: some refused is a warning, all refused an error, each with the count
 * and a link to the list of refused changes.
 */
export function SyncResult({ result }: { result: ChannelOutput<'sync.now'> }) {
  const { t } = useTranslation();
  const outcome = syncOutcome(result);
  if (outcome.level === 'failed') {
    return (
      <div className="banner banner-error" role="alert" data-testid="sync-result" data-level="failed">
        {t('sync.failed')} <span lang="zh-CN">{outcome.error}</span>
      </div>
    );
  }
  const p = result.pushed;
  const details = (
    <>
      {p ? t('sync.pushed', { applied: p.applied, duplicate: p.duplicate, rejected: p.rejected, uploaded: p.uploaded }) : null} {t('sync.pulled', { count: result.pulled })}
    </>
  );
  if (outcome.level === 'ok') {
    return (
      <div className="banner banner-ok" role="status" data-testid="sync-result" data-level="ok">
        {t('sync.done')} {details}
      </div>
    );
  }
  return (
    <div className={`banner ${outcome.level === 'error' ? 'banner-error' : 'banner-warn'}`} role="alert" data-testid="sync-result" data-level={outcome.level}>
      {t(outcome.level === 'error' ? 'sync.allRejected' : 'sync.someRejected', { count: outcome.rejected })} {details}{' '}
      <a href="#sync-rejected-title" data-testid="sync-result-rejected-link">
        {t('sync.seeRejected')}
      </a>
    </div>
  );
}
