import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useUser } from '../../state/session';

/**
 * Proxy helpers named as handlers of the case (帮办代办): they see and work it besides the clerk who took it in.
 * The supervisor names one or takes the name back (cases.assignHandler, audited); everyone else sees who they are.
 */
export function CaseHandlers({ view, onChanged }: { view: CaseView; onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useUser();
  const supervisor = me.role === 'supervisor';
  const users = useApiQuery('users.list', supervisor ? {} : null);
  const [pick, setPick] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const named = new Set(view.handlers.map((h) => h.userId));
  const helpers = (users.data ?? []).filter((u) => u.role === 'proxy_helper' && !u.disabled && !named.has(u.id));
  if (!supervisor && view.handlers.length === 0) return null;

  const assign = async (userId: string, isNamed: boolean) => {
    const r = await api().invoke('cases.assignHandler', { caseId: view.case.id, userId, named: isNamed });
    setError(r.ok ? null : r.error);
    if (r.ok) {
      setPick('');
      onChanged();
    }
  };

  return (
    <section className="card" aria-labelledby="case-handlers" data-testid="case-handlers">
      <h2 id="case-handlers">{t('caseDetail.handlers')}</h2>
      <ErrorBanner error={error} />
      {view.handlers.length === 0 ? <p className="muted">{t('caseDetail.noHandlers')}</p> : null}
      <ul className="plain-list">
        {view.handlers.map((h) => (
          <li key={h.userId}>
            {h.displayName}{' '}
            {supervisor ? (
              <button type="button" className="link-button" onClick={() => void assign(h.userId, false)}>
                {t('caseDetail.unnameHandler', { name: h.displayName })}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {supervisor && helpers.length > 0 ? (
        <div className="inline-form">
          <label htmlFor="handler-pick">{t('caseDetail.nameHandler')}</label>
          <select id="handler-pick" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">—</option>
            {helpers.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}（{u.username}）
              </option>
            ))}
          </select>
          <button type="button" disabled={pick === ''} onClick={() => void assign(pick, true)}>
            {t('caseDetail.name')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
