import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { api } from '../../api/client';
import { paths } from '../../lib/router';

type Status = ChannelOutput<'audit.status'>;

/** The breaks found in the audit chain, as an alert (the 审计 screen and the supervisors' banner). */
export function AuditBreaks({ status }: { status: Status }) {
  const { t } = useTranslation();
  if (status.breaks.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="audit-broken">
      <strong>{t('audit.brokenTitle')}</strong>
      <ul>
        {status.breaks.map((b) => (
          <li key={`${b.seq}-${b.kind}`}>
            {t('audit.brokenAt', { seq: b.seq, at: b.detectedAt.slice(0, 16).replace('T', ' ') })} · {t(`audit.kind_${b.kind}`)} ·{' '}
            {b.reported ? t('audit.reported') : t('audit.notReported')}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** For supervisors, on every screen: a break found in the audit chain (at start or on demand) until it is looked into. */
export function AuditBanner() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status | null>(null);
  useEffect(() => {
    let cancelled = false;
    void api()
      .invoke('audit.status', {})
      .then((r) => {
        if (!cancelled && r.ok) setStatus(r.value);
      });
    return () => {
      cancelled = true;
    };
  }, []);
  if (!status || status.breaks.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="audit-banner">
      {t('audit.bannerText', { count: status.breaks.length })} <a href={paths.audit()}>{t('audit.open')}</a>
    </div>
  );
}
