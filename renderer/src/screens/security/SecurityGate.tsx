import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/errors';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { api } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useSession } from '../../state/session';
import { RecoveryKeySheet } from './RecoveryKeySheet';

type Issued = ChannelOutput<'keys.issueRecoveryKey'>;

/**
 * Before a supervisor works, the station's data protection must be complete: a recovery key made and printed (right
 * after first-run setup, or after an upgrade from an unencrypted version), and a weak key protection (Linux without a
 * keyring) confirmed. Other roles pass straight through.
 */
export function SecurityGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, locked } = useSession();
  const supervisor = user?.role === 'supervisor';
  const keys = useApiQuery('keys.status', supervisor ? {} : null);
  const status = keys.data;
  const [issued, setIssued] = useState<Issued | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (!supervisor || locked || !status) return <>{children}</>;
  if (issued) {
    return (
      <main className="centered-page" id="main">
        <div className="document-screen">
          <RecoveryKeySheet
            recoveryKey={issued.recoveryKey}
            issuedAt={issued.issuedAt}
            onDone={() => {
              setIssued(null);
              keys.reload();
            }}
          />
        </div>
      </main>
    );
  }
  const needKey = status.recoveryKeyIssuedAt === null;
  const needConfirm = status.protection.weak && status.weakConfirmedBy === null;
  if (!needKey && !needConfirm) return <>{children}</>;

  const act = async () => {
    setBusy(true);
    setError(null);
    if (needConfirm) {
      const r = await api().invoke('keys.confirmWeakProtection', {});
      if (!r.ok) setError(r.error);
      else keys.reload();
    } else {
      const r = await api().invoke('keys.issueRecoveryKey', {});
      if (!r.ok) setError(r.error);
      else setIssued(r.value);
    }
    setBusy(false);
  };

  return (
    <main className="centered-page" id="main">
      <div className="card auth-card wide" data-testid="security-gate">
        <ScreenHeading>{t(needConfirm ? 'security.weak.title' : 'security.gate.title')}</ScreenHeading>
        <p>{t(needConfirm ? 'security.weak.explain' : 'security.gate.explain')}</p>
        {needConfirm ? <p className="field-hint">{status.protection.detail}</p> : null}
        <ErrorBanner error={error} />
        <button type="button" className="primary" disabled={busy} onClick={() => void act()}>
          {t(needConfirm ? 'security.weak.confirm' : 'security.gate.issue')}
        </button>
      </div>
    </main>
  );
}
