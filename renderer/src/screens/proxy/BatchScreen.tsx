import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/errors';
import type { BatchCheck, BatchImportInput, BatchSummary } from '../../../../shared/api/channels/batch';
import { PROXY_RELATIONSHIPS } from '../../../../shared/cases/model';
import { api } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { useLocalized } from '../../lib/text';
import { downloadBase64, XLSX_MIME } from '../../lib/download';
import { formatInstant } from '../../lib/dates';
import { paths } from '../../lib/router';
import '../../styles/mobile.css';

async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * 批量代办: download the item's template, fill it in, import it — every row checked first (the errors as a table,
 * and the sheet back with them marked), then one case per valid row in the background with progress and cancel.
 */
export default function BatchScreen() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const items = useApiQuery('batch.items', {});
  const batches = useApiQuery('batch.list', {});
  const [itemCode, setItemCode] = useState('resident_enrollment');
  const [agent, setAgent] = useState<BatchImportInput['agent']>({ name: '', idNumber: '', relationship: 'other', phone: '', authorisationReceived: true });
  const [materials, setMaterials] = useState<string[] | null>(null);
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [check, setCheck] = useState<BatchCheck | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [running, setRunning] = useState<BatchSummary | null>(null);

  const item = items.data?.find((i) => i.code === itemCode);
  const received = useMemo(() => materials ?? item?.materials.map((m) => m.code) ?? [], [materials, item]);
  const input = (): BatchImportInput | null =>
    file ? { itemCode, file, agent: { ...agent, phone: agent.phone?.trim() || undefined }, materialsReceived: received } : null;

  // While an import runs: its progress, every 400 ms, until it is done or cancelled.
  useEffect(() => {
    if (!running || running.state !== 'importing') return;
    const id = setTimeout(async () => {
      const r = await api().invoke('batch.get', { batchId: running.id });
      if (r.ok) setRunning(r.value.batch);
      if (r.ok && r.value.batch.state !== 'importing') batches.reload();
    }, 400);
    return () => clearTimeout(id);
  }, [running, batches]);

  const call = async <T,>(what: string, fn: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>): Promise<T | null> => {
    setBusy(what);
    setError(null);
    const r = await fn();
    setBusy(null);
    if (!r.ok) {
      setError(r.error);
      return null;
    }
    return r.value;
  };
  const template = async () => {
    const r = await call('template', () => api().invoke('batch.template', { itemCode }));
    if (r) downloadBase64(r.fileName, XLSX_MIME, r.dataBase64);
  };
  const validate = async () => {
    const i = input();
    if (!i) return;
    setCheck(await call('validate', () => api().invoke('batch.validate', i)));
  };
  const annotate = async () => {
    const i = input();
    if (!i) return;
    const r = await call('annotate', () => api().invoke('batch.annotate', i));
    if (r) downloadBase64(r.fileName, XLSX_MIME, r.dataBase64);
  };
  const start = async () => {
    const i = input();
    if (!i || !check) return;
    if (check.invalidRows > 0 && !window.confirm(t('batch.confirmSkip', { bad: check.invalidRows, good: check.valid }))) return;
    const r = await call('start', () => api().invoke('batch.start', i));
    if (!r) return;
    setCheck(r.check);
    const g = await api().invoke('batch.get', { batchId: r.batchId });
    if (g.ok) setRunning(g.value.batch);
  };
  const cancel = async () => {
    if (!running) return;
    const r = await call('cancel', () => api().invoke('batch.cancel', { batchId: running.id }));
    if (r) setRunning(r);
  };
  const err = (f: string) => (error?.field?.startsWith(f) ? error.message : null);

  return (
    <div>
      <ScreenHeading>{t('batch.title')}</ScreenHeading>
      <ErrorBanner error={error} />
      <section className="card">
        <h2>{t('batch.step1')}</h2>
        <Field id="batch-item" label={t('batch.item')} required>
          <select
            id="batch-item"
            value={itemCode}
            onChange={(e) => {
              setItemCode(e.target.value);
              setMaterials(null);
              setCheck(null);
            }}
          >
            {(items.data ?? []).map((i) => (
              <option key={i.code} value={i.code}>
                {loc(i.list)}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" disabled={busy !== null} onClick={() => void template()} data-testid="batch-template">
          {t('batch.downloadTemplate')}
        </button>
      </section>
      <section className="card">
        <h2>{t('batch.step2')}</h2>
        <div className="m16-grid">
          <Field id="agent-name" label={t('batch.agentName')} required error={err('agent.name')}>
            <input id="agent-name" value={agent.name} onChange={(e) => setAgent({ ...agent, name: e.target.value })} />
          </Field>
          <Field id="agent-id" label={t('batch.agentId')} required error={err('agent.idNumber')}>
            <input id="agent-id" className="mono" value={agent.idNumber} onChange={(e) => setAgent({ ...agent, idNumber: e.target.value })} />
          </Field>
          <Field id="agent-rel" label={t('batch.agentRelationship')} required>
            <select id="agent-rel" value={agent.relationship} onChange={(e) => setAgent({ ...agent, relationship: e.target.value as BatchImportInput['agent']['relationship'] })}>
              {PROXY_RELATIONSHIPS.map((r) => (
                <option key={r} value={r}>
                  {t(`relationship.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="agent-phone" label={t('batch.agentPhone')} error={err('agent.phone')}>
            <input id="agent-phone" value={agent.phone ?? ''} onChange={(e) => setAgent({ ...agent, phone: e.target.value })} />
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={agent.authorisationReceived} onChange={(e) => setAgent({ ...agent, authorisationReceived: e.target.checked })} />
          {t('batch.authorisationReceived')}
        </label>
        <fieldset>
          <legend>{t('batch.materials')}</legend>
          <div className="checks">
            {(item?.materials ?? []).map((m) => (
              <label className="check" key={m.code}>
                <input type="checkbox" checked={received.includes(m.code)} onChange={(e) => setMaterials(e.target.checked ? [...received, m.code] : received.filter((c) => c !== m.code))} />
                {loc(m.name)}
              </label>
            ))}
          </div>
        </fieldset>
        <Field id="batch-file" label={t('batch.file')} required hint={t('batch.fileHint')} error={err('file')}>
          <input
            id="batch-file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            data-testid="batch-file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              setCheck(null);
              setRunning(null);
              setFile(f ? { fileName: f.name, dataBase64: await fileBase64(f) } : null);
            }}
          />
        </Field>
        <div className="form-actions">
          <button type="button" className="primary" disabled={!file || busy !== null} onClick={() => void validate()} data-testid="batch-validate">
            {t('batch.validate')}
          </button>
        </div>
      </section>
      {check ? (
        <section className="card" aria-labelledby="batch-check-title">
          <h2 id="batch-check-title">{t('batch.checkTitle')}</h2>
          <p data-testid="batch-summary">{t('batch.summary', { total: check.total, valid: check.valid, invalid: check.invalidRows, already: check.already })}</p>
          {check.issues.length > 0 ? (
            <>
              <table className="m16-table" data-testid="batch-issues">
                <thead>
                  <tr>
                    <th>{t('batch.row')}</th>
                    <th>{t('batch.column')}</th>
                    <th>{t('batch.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {check.issues.map((i, k) => (
                    <tr key={k} className="row-error">
                      <td>{i.row}</td>
                      <td>{i.header ?? '—'}</td>
                      <td>{i.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" disabled={busy !== null} onClick={() => void annotate()} data-testid="batch-annotate">
                {t('batch.downloadAnnotated')}
              </button>
            </>
          ) : null}
          <div className="form-actions">
            <button type="button" className="primary" disabled={check.valid === 0 || busy !== null || running?.state === 'importing'} onClick={() => void start()} data-testid="batch-start">
              {t('batch.start', { count: check.valid })}
            </button>
          </div>
        </section>
      ) : null}
      {running ? (
        <section className="card" aria-labelledby="batch-run-title">
          <h2 id="batch-run-title">{t('batch.running', { file: running.fileName })}</h2>
          <progress className="m16-progress" max={Math.max(1, running.valid)} value={running.imported} aria-label={t('batch.progress')} />
          <p data-testid="batch-progress" data-state={running.state}>
            {t('batch.progressText', { imported: running.imported, valid: running.valid })} · {t(`batch.states.${running.state}`)}
          </p>
          {running.error ? <p className="field-error">{running.error}</p> : null}
          <div className="form-actions">
            {running.state === 'importing' ? (
              <button type="button" onClick={() => void cancel()} data-testid="batch-cancel">
                {t('batch.cancel')}
              </button>
            ) : (
              <a className="button" href={paths.batchDetail(running.id)}>
                {t('batch.open')}
              </a>
            )}
          </div>
        </section>
      ) : null}
      <section className="card" aria-labelledby="batch-list-title">
        <h2 id="batch-list-title">{t('batch.list')}</h2>
        {(batches.data ?? []).length === 0 ? <p className="empty">{t('batch.none')}</p> : null}
        {(batches.data ?? []).length > 0 ? (
          <table className="m16-table" data-testid="batch-list">
            <thead>
              <tr>
                <th>{t('batch.file')}</th>
                <th>{t('batch.item')}</th>
                <th>{t('batch.counts')}</th>
                <th>{t('batch.who')}</th>
              </tr>
            </thead>
            <tbody>
              {(batches.data ?? []).map((b) => (
                <tr key={b.id}>
                  <td>
                    <a href={paths.batchDetail(b.id)}>{b.fileName}</a>
                  </td>
                  <td>{loc(b.itemName)}</td>
                  <td>
                    {t('batch.countsText', { imported: b.imported, total: b.total, invalid: b.invalid, rejected: b.rejected })} · {t(`batch.states.${b.state}`)}
                  </td>
                  <td>
                    {b.createdBy} · {formatInstant(b.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
