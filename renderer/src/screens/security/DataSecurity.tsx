import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/errors';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { api } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatInstant } from '../../lib/dates';
import { useNotify } from '../../state/notify';
import { RecoveryKeySheet } from './RecoveryKeySheet';
import './security.css';

type BackupStatus = ChannelOutput<'backup.status'>;
type Issued = ChannelOutput<'keys.issueRecoveryKey'>;

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
}

/**
 * 设置 → 数据安全 (supervisors): how this computer protects the station's data key, the recovery key (made again on
 * request, shown once), and backups — the folder (a USB stick), daily or not, back up now with progress, the last
 * outcome and the backups kept in the folder.
 */
export function DataSecurity() {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const keysQ = useApiQuery('keys.status', {});
  const statusQ = useApiQuery('backup.status', {});
  const listQ = useApiQuery('backup.list', {});
  const keys = keysQ.data;
  const backups = listQ.data ?? [];
  // The latest status seen (polled while a backup runs), else the one loaded.
  const [live, setLive] = useState<BackupStatus | null>(null);
  const backup = live ?? statusQ.data;
  const [issued, setIssued] = useState<Issued | null>(null);
  const [folderTyped, setFolder] = useState<string | null>(null);
  const [dailyChosen, setDaily] = useState<boolean | null>(null);
  const folder = folderTyped ?? backup?.folder ?? '';
  const daily = dailyChosen ?? (backup?.folder ? backup.daily : true);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const reloadKeys = keysQ.reload;
  const reloadList = listQ.reload;

  // While a backup runs, follow its progress.
  const running = backup?.running ?? null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      void api()
        .invoke('backup.status', {})
        .then((r) => {
          if (!r.ok) return;
          setLive(r.value);
          if (!r.value.running) {
            reloadList();
            if (r.value.last?.ok) notify('success', t('backup.done'));
          }
        });
    }, 500);
    return () => clearInterval(timer);
  }, [running, reloadList, notify, t]);

  const configure = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api().invoke('backup.configure', { folder, daily });
    setBusy(false);
    if (r.ok) {
      setError(null);
      setLive(r.value);
      notify('success', t('backup.saved'));
      reloadList();
    } else setError(r.error);
  };

  const runNow = async () => {
    const r = await api().invoke('backup.run', {});
    if (r.ok) {
      setError(null);
      setLive(r.value);
    } else setError(r.error);
  };

  const issue = async () => {
    if (!window.confirm(t('security.regenerateConfirm'))) return;
    const r = await api().invoke('keys.issueRecoveryKey', {});
    if (r.ok) setIssued(r.value);
    else setError(r.error);
  };

  if (issued) {
    return (
      <RecoveryKeySheet
        recoveryKey={issued.recoveryKey}
        issuedAt={issued.issuedAt}
        onDone={() => {
          setIssued(null);
          reloadKeys();
        }}
      />
    );
  }

  const folderError = error?.field === 'folder' ? error.message : null;
  const percent = running && running.total ? Math.min(100, Math.round((running.done / running.total) * 100)) : null;
  return (
    <section className="card" aria-labelledby="settings-security" data-testid="data-security">
      <h2 id="settings-security">{t('security.title')}</h2>
      <ErrorBanner error={error && error.field !== 'folder' ? error : null} />
      {keys ? (
        <dl className="facts">
          <dt>{t('security.cipher')}</dt>
          <dd>{t(`security.cipherValue.${keys.cipher}`)}</dd>
          <dt>{t('security.protection')}</dt>
          <dd>
            {t(`security.protectionKind.${keys.protection.kind}`)} <span className="mono">{keys.protection.detail}</span>
            {keys.protection.weak ? <strong> {t('security.weak.short', { who: keys.weakConfirmedBy ?? '—' })}</strong> : null}
          </dd>
          <dt>{t('security.recoveryKey')}</dt>
          <dd>
            {keys.recoveryKeyIssuedAt ? t('security.issued', { at: formatInstant(keys.recoveryKeyIssuedAt), by: keys.recoveryKeyIssuedBy ?? '' }) : <strong>{t('security.notIssued')}</strong>}{' '}
            <button type="button" onClick={() => void issue()}>
              {t('security.regenerate')}
            </button>
          </dd>
        </dl>
      ) : null}

      <h3>{t('backup.title')}</h3>
      <p className="field-hint">{t('backup.explain')}</p>
      <form onSubmit={(e) => void configure(e)} noValidate>
        <Field id="backup-folder" label={t('backup.folder')} required hint={t('backup.folderHint')} error={folderError}>
          <input {...inputAria('backup-folder', true, folderError)} className="mono" value={folder} onChange={(e) => setFolder(e.target.value)} autoComplete="off" spellCheck={false} required />
        </Field>
        <label className="check">
          <input type="checkbox" checked={daily} onChange={(e) => setDaily(e.target.checked)} />
          {t('backup.daily')}
        </label>
        <div>
          <button type="submit" disabled={busy}>
            {t('backup.save')}
          </button>{' '}
          <button type="button" className="primary" disabled={running !== null || !backup?.folder} onClick={() => void runNow()}>
            {t('backup.now')}
          </button>
        </div>
      </form>
      {running ? (
        <div role="status" aria-live="polite">
          <p>{t(`backup.phase.${running.phase}`)}</p>
          <progress className="backup-progress" max={100} value={percent ?? undefined} aria-label={t('backup.progress')} />
        </div>
      ) : null}
      {backup?.last ? (
        <p role="status" className={backup.last.ok ? '' : 'banner banner-error'}>
          {backup.last.ok
            ? t('backup.lastOk', { at: formatInstant(backup.last.at), mb: megabytes(backup.last.bytes), seconds: backup.last.seconds.toFixed(1) })
            : t('backup.lastFailed', { at: formatInstant(backup.last.at), message: backup.last.message ?? '' })}
        </p>
      ) : null}
      {backups.length > 0 ? (
        <table className="backup-list">
          <caption>{t('backup.kept', { count: backups.length, keep: backup?.keep ?? 7 })}</caption>
          <thead>
            <tr>
              <th>{t('backup.when')}</th>
              <th>{t('backup.cases')}</th>
              <th>{t('backup.attachments')}</th>
              <th>{t('backup.size')}</th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.path}>
                <td>{formatInstant(b.createdAt)}</td>
                <td>{b.cases}</td>
                <td>{b.attachments}</td>
                <td>{megabytes(b.bytes)} MB</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
