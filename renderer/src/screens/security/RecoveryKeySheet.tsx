import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { printDocument } from '../../api/client';
import { formatInstant } from '../../lib/dates';
import { useSession } from '../../state/session';
import './security.css';

/** Print only the sheet (the rest of the page is hidden while printing). */
async function printSheet(): Promise<void> {
  document.documentElement.classList.add('printing-recovery-key');
  try {
    await printDocument();
  } finally {
    document.documentElement.classList.remove('printing-recovery-key');
  }
}

/**
 * The recovery key, shown this once: a printable sheet (station, date, who, the key in groups, what it is for) and
 * the supervisor's confirmation that it is printed and locked away. The key is never shown again; a new one can be
 * made in 设置 → 数据安全 (the old one then stops working; earlier backups still need theirs).
 */
export function RecoveryKeySheet({ recoveryKey, issuedAt, onDone }: { recoveryKey: string; issuedAt: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { station, user } = useSession();
  const [kept, setKept] = useState(false);
  return (
    <section className="document recovery-sheet" aria-labelledby="recovery-sheet-title">
      <h2 id="recovery-sheet-title">{t('security.sheet.title')}</h2>
      <dl className="facts">
        <dt>{t('setup.stationName')}</dt>
        <dd>{station ? `${station.name}（${station.code}）` : ''}</dd>
        <dt>{t('security.sheet.issuedAt')}</dt>
        <dd>{formatInstant(issuedAt)}</dd>
        <dt>{t('security.sheet.issuedBy')}</dt>
        <dd>{user?.displayName ?? ''}</dd>
      </dl>
      <p>{t('security.recoveryKey')}</p>
      <div className="recovery-key mono" data-testid="recovery-key" aria-label={t('security.recoveryKey')}>
        {recoveryKey.split('-').map((g, i) => (
          <span key={i}>{g}</span>
        ))}
      </div>
      <ol>
        <li>{t('security.sheet.what')}</li>
        <li>{t('security.sheet.keep')}</li>
        <li>{t('security.sheet.danger')}</li>
        <li>{t('security.sheet.once')}</li>
      </ol>
      <div className="no-print">
        <button type="button" className="primary" onClick={() => void printSheet()} autoFocus>
          {t('security.sheet.print')}
        </button>
        <label className="check">
          <input type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} data-testid="recovery-kept" />
          {t('security.sheet.kept')}
        </label>
        <button type="button" disabled={!kept} onClick={onDone}>
          {t('security.sheet.done')}
        </button>
      </div>
    </section>
  );
}
