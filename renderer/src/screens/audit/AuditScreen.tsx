import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../../../../shared/api/channels/audit';
import { AUDIT_EXPORT_MAX_ROWS, AuditFilterSchema } from '../../../../shared/api/channels/audit';
import { AUDIT_ACTIONS } from '../../../../shared/audit';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ScreenHeading } from '../../components/ScreenHeading';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { DateInput } from '../../components/DateInput';
import { useNotify } from '../../state/notify';
import { useUser } from '../../state/session';
import { zodFieldErrors, type FieldErrors } from '../../lib/errors';
import { AuditBreaks } from './AuditBanner';
import { downloadBase64 } from '../../lib/download';

const PAGE = 50;

/**
 * 审计 (supervisors): who read or changed what — filtered by user, person (证件号码), action and date — the chain
 * verified on demand, and the rows exported as xlsx or CSV. Reading and exporting the log are audited too.
 */
export default function AuditScreen() {
  const { t } = useTranslation();
  const me = useUser();
  const { notify } = useNotify();
  const supervisor = me.role === 'supervisor';
  const users = useApiQuery('users.list', supervisor ? {} : null);
  const status = useApiQuery('audit.status', supervisor ? {} : null);
  const [draft, setDraft] = useState({ userId: '', personIdNumber: '', action: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditFilter>({});
  const [offset, setOffset] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  /** An export of many rows takes seconds (100,000 rows as xlsx: about 7 s): the screen says it is working. */
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const input = useMemo(() => (supervisor ? { filter, page: { offset, limit: PAGE } } : null), [supervisor, filter, offset]);
  const rows = useApiQuery('audit.list', input, true);

  if (!supervisor) {
    return (
      <div>
        <ScreenHeading>{t('audit.title')}</ScreenHeading>
        <p>{t('audit.supervisorOnly')}</p>
      </div>
    );
  }

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const candidate = Object.fromEntries(Object.entries(draft).filter(([, v]) => v.trim() !== ''));
    const parsed = AuditFilterSchema.safeParse(candidate);
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setOffset(0);
    setFilter(parsed.data);
  };

  const verify = async () => {
    setBusy(true);
    const r = await api().invoke('audit.verify', {});
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) notify(r.value.ok ? 'success' : 'error', r.value.ok ? t('audit.verifiedOk', { rows: r.value.rows }) : t('audit.verifiedBroken', { seq: r.value.brokenAt ?? 0 }));
    status.reload();
    rows.reload();
  };

  const exportAs = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    setExporting(true);
    const r = await api().invoke('audit.export', { filter, format });
    setExporting(false);
    setBusy(false);
    setError(r.ok ? null : r.error);
    if (r.ok) {
      downloadBase64(r.value.fileName, r.value.mime, r.value.dataBase64);
      notify('success', t('audit.exported', { rows: r.value.rows }));
    }
  };

  const names = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
  const total = rows.data?.total ?? 0;
  return (
    <div className="audit-screen">
      <ScreenHeading>{t('audit.title')}</ScreenHeading>
      {status.data ? <AuditBreaks status={status.data} /> : null}
      <section className="card" aria-labelledby="audit-chain">
        <h2 id="audit-chain">{t('audit.chain')}</h2>
        <p data-testid="audit-verified">
          {t('audit.verifiedUpTo', { seq: status.data?.verifiedSeq ?? 0, head: status.data?.head?.seq ?? 0 })}
        </p>
        <button type="button" onClick={() => void verify()} disabled={busy} data-testid="audit-verify">
          {t('audit.verify')}
        </button>
      </section>
      <section className="card" aria-labelledby="audit-filter">
        <h2 id="audit-filter">{t('audit.filter')}</h2>
        <form onSubmit={apply} noValidate className="audit-filters">
          <Field id="audit-user" label={t('audit.user')}>
            <select id="audit-user" value={draft.userId} onChange={(e) => setDraft((d) => ({ ...d, userId: e.target.value }))}>
              <option value="">{t('audit.anyone')}</option>
              {(users.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}（{u.username}）
                </option>
              ))}
            </select>
          </Field>
          <Field id="audit-person" label={t('audit.person')} error={errors.personIdNumber}>
            <input {...inputAria('audit-person', null, errors.personIdNumber)} value={draft.personIdNumber} onChange={(e) => setDraft((d) => ({ ...d, personIdNumber: e.target.value }))} autoComplete="off" />
          </Field>
          <Field id="audit-action" label={t('audit.action')} error={errors.action}>
            <select id="audit-action" value={draft.action} onChange={(e) => setDraft((d) => ({ ...d, action: e.target.value }))}>
              <option value="">{t('audit.anyAction')}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </Field>
          <Field id="audit-from" label={t('audit.from')} error={errors.from}>
            <DateInput id="audit-from" value={draft.from} onChange={(v) => setDraft((d) => ({ ...d, from: v }))} />
          </Field>
          <Field id="audit-to" label={t('audit.to')} error={errors.to}>
            <DateInput id="audit-to" value={draft.to} onChange={(v) => setDraft((d) => ({ ...d, to: v }))} />
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary">
              {t('audit.search')}
            </button>
            <button type="button" onClick={() => void exportAs('xlsx')} disabled={busy} data-testid="audit-export-xlsx">
              {t('audit.exportXlsx')}
            </button>
            <button type="button" onClick={() => void exportAs('csv')} disabled={busy} data-testid="audit-export-csv">
              {t('audit.exportCsv')}
            </button>
            {exporting ? (
              <span role="status" className="muted" data-testid="audit-exporting">
                {t('audit.exporting', { count: Math.min(total, AUDIT_EXPORT_MAX_ROWS) })}
              </span>
            ) : null}
          </div>
        </form>
      </section>
      <section className="card" aria-labelledby="audit-rows">
        <h2 id="audit-rows">{t('audit.rows', { count: total })}</h2>
        <ErrorBanner error={error ?? rows.error} />
        <table className="table audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.seq')}</th>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.user')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.object')}</th>
              <th scope="col">{t('audit.persons')}</th>
            </tr>
          </thead>
          <tbody>
            {(rows.data?.rows ?? []).map((r) => (
              <tr key={r.seq}>
                <td className="mono">{r.seq}</td>
                <td className="mono">{r.at.slice(0, 19).replace('T', ' ')}</td>
                <td>{r.actorId ? (names.get(r.actorId) ?? r.actorName) : r.actorName === 'system' ? t('actor.system') : r.actorName}</td>
                <td className="mono">{r.action}</td>
                <td className="mono">
                  {r.entity}
                  {r.entityId ? ` ${r.entityId.slice(0, 18)}` : ''}
                </td>
                <td>{r.personIds.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset((o) => Math.max(0, o - PAGE))}>
            {t('audit.newer')}
          </button>
          <span>{t('audit.page', { from: total === 0 ? 0 : offset + 1, to: Math.min(total, offset + PAGE), total })}</span>
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset((o) => o + PAGE)}>
            {t('audit.older')}
          </button>
        </div>
      </section>
    </div>
  );
}
