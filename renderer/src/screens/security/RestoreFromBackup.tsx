import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/errors';
import type { BackupSummary } from '../../../../shared/api/channels/backup';
import { api } from '../../api/client';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatInstant } from '../../lib/dates';
import { useSession } from '../../state/session';
import './security.css';

/**
 * A new install instead of a new station: find the backups in a folder (the USB stick), pick one, give the recovery
 * key printed at the station's setup. Everything is checked before anything is replaced; then sign in as before.
 */
export function RestoreFromBackup({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const { reload } = useSession();
  const [folder, setFolder] = useState('');
  const [found, setFound] = useState<BackupSummary[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (f: string) => (error?.field === f ? error.message : null);

  const look = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api().invoke('backup.inspect', { folder });
    setBusy(false);
    if (!r.ok) return setError({ ...r.error, field: r.error.field ?? 'folder' });
    setError(null);
    setFound(r.value);
    setChosen(r.value[0]?.path ?? null);
  };

  const restore = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    const r = await api().invoke('backup.restore', { path: chosen, recoveryKey });
    setBusy(false);
    if (r.ok) reload();
    else setError(r.error);
  };

  return (
    <section aria-labelledby="restore-title">
      <h2 id="restore-title">{t('backup.restore.title')}</h2>
      <p>{t('backup.restore.intro')}</p>
      <ErrorBanner error={error && !['folder', 'path', 'recoveryKey'].includes(error.field ?? '') ? error : null} />
      <form onSubmit={(e) => void look(e)} noValidate>
        <Field id="restore-folder" label={t('backup.folder')} required hint={t('backup.folderHint')} error={fieldError('folder')}>
          <input {...inputAria('restore-folder', true, fieldError('folder'))} className="mono" value={folder} onChange={(e) => setFolder(e.target.value)} autoComplete="off" spellCheck={false} required />
        </Field>
        <button type="submit" disabled={busy || folder.trim() === ''}>
          {t('backup.restore.find')}
        </button>
      </form>
      {found !== null && found.length === 0 ? <p role="status">{t('backup.restore.none')}</p> : null}
      {found !== null && found.length > 0 ? (
        <form onSubmit={(e) => void restore(e)} noValidate>
          <fieldset>
            <legend>{t('backup.restore.pick')}</legend>
            {found.map((b) => (
              <label key={b.path} className="check">
                <input type="radio" name="backup" checked={chosen === b.path} onChange={() => setChosen(b.path)} />
                {t('backup.restore.item', { station: `${b.station.name}（${b.station.code}）`, at: formatInstant(b.createdAt), cases: b.cases, persons: b.persons, attachments: b.attachments })}
              </label>
            ))}
          </fieldset>
          {fieldError('path') ? <p className="field-error">{fieldError('path')}</p> : null}
          <Field id="restore-recovery" label={t('security.recoveryKey')} required hint={t('security.unlock.recoveryHint')} error={fieldError('recoveryKey')}>
            <input {...inputAria('restore-recovery', true, fieldError('recoveryKey'))} className="mono recovery-input" value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} inputMode="numeric" autoComplete="off" spellCheck={false} required />
          </Field>
          <button type="submit" className="primary" disabled={busy || !chosen || recoveryKey.trim() === ''}>
            {busy ? t('backup.restore.working') : t('backup.restore.submit')}
          </button>
        </form>
      ) : null}
      <button type="button" className="link-button" onClick={onCancel}>
        {t('backup.restore.back')}
      </button>
    </section>
  );
}
