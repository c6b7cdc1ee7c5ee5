import { useTranslation } from 'react-i18next';
import type { MaterialNeed } from '../../../../shared/cases/materials';
import { FilePicker } from '../../components/FilePicker';
import type { PreparedFile } from '../../lib/files';
import { formatSize } from '../../lib/files';
import { useLocalized } from '../../lib/text';

interface Props {
  needs: readonly MaterialNeed[];
  received: ReadonlySet<string>;
  onToggle(code: string, on: boolean): void;
  files: Readonly<Record<string, readonly PreparedFile[]>>;
  onFile(code: string, f: PreparedFile): void;
  onRemoveFile(code: string, index: number): void;
  rongqueAllowed: boolean;
}

/** The materials checklist: received or missing, each with an optional scan or photo. */
export function MaterialsChecklist({ needs, received, onToggle, files, onFile, onRemoveFile, rongqueAllowed }: Props) {
  const { t } = useTranslation();
  const L = useLocalized();
  const missing = needs.filter((n) => n.needed && !received.has(n.material.code));
  return (
    <fieldset className="materials">
      <legend>{t('intake.materials')}</legend>
      <ul className="material-list">
        {needs.map(({ material: m, needed }) => {
          const id = `mat-${m.code}`;
          const mine = files[m.code] ?? [];
          return (
            <li key={m.code} className={`material${needed && !received.has(m.code) ? ' material-missing' : ''}`}>
              <label className="check" htmlFor={id}>
                <input id={id} type="checkbox" checked={received.has(m.code)} onChange={(e) => onToggle(m.code, e.target.checked)} />
                <span>
                  {L(m.name)}
                  <span className={`tag ${needed ? 'tag-needed' : ''}`}>{needed ? t('intake.needed') : t('intake.optional')}</span>
                  {rongqueAllowed && m.deferrable ? <span className="tag tag-deferrable">{t('intake.deferrable')}</span> : null}
                </span>
              </label>
              {m.note ? <div className="field-hint">{L(m.note)}</div> : null}
              <div className="material-files">
                <FilePicker label={L(m.name)} onFile={(f) => onFile(m.code, f)} />
                {mine.map((f, i) => (
                  <span key={i} className="file-chip">
                    {f.fileName} · {formatSize(f.size)}
                    <button type="button" className="icon-button" onClick={() => onRemoveFile(m.code, i)} aria-label={t('files.remove', { name: f.fileName })}>
                      ×
                    </button>
                  </span>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
      <p className={missing.length > 0 ? 'missing-summary warn' : 'missing-summary ok'} role="status">
        {missing.length > 0 ? t('intake.missingCount', { count: missing.length, names: missing.map((n) => L(n.material.name)).join('、') }) : t('intake.allReceived')}
      </p>
    </fieldset>
  );
}
