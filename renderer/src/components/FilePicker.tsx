import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { prepareFile, type PreparedFile } from '../lib/files';

/**
 * Two ways to add a scan: choose a file (scanner output, PDF) or take a photo with the camera
 * (`capture` opens the rear camera on tablets; desktops ignore it and show the file dialog).
 */
export function FilePicker({ onFile, label, disabled }: { onFile(f: PreparedFile): void; label: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const take = async (files: FileList | null, input: HTMLInputElement) => {
    const file = files?.[0];
    if (!file) return;
    setBusy(true);
    const r = await prepareFile(file);
    setBusy(false);
    input.value = '';
    if (!r.ok) {
      setError(t(`files.${r.reason}`));
      return;
    }
    setError(null);
    onFile(r.file);
  };
  return (
    <span className="file-picker">
      <label className="button small" htmlFor={`${id}-file`}>
        {t('files.choose')}
        <span className="visually-hidden">{label}</span>
      </label>
      <input
        id={`${id}-file`}
        className="visually-hidden"
        type="file"
        accept="image/*,application/pdf"
        disabled={disabled || busy}
        onChange={(e) => void take(e.target.files, e.target)}
      />
      <label className="button small" htmlFor={`${id}-camera`}>
        {t('files.camera')}
        <span className="visually-hidden">{label}</span>
      </label>
      <input
        id={`${id}-camera`}
        className="visually-hidden"
        type="file"
        accept="image/*,application/pdf"
        capture="environment"
        disabled={disabled || busy}
        onChange={(e) => void take(e.target.files, e.target)}
      />
      {busy ? <span className="muted small">{t('files.reading')}</span> : null}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
