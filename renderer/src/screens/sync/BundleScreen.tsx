import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/api/contract';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { formatInstant } from '../../lib/dates';
import { formatSize } from '../../lib/files';
import { paths } from '../../lib/router';
import { useNotify } from '../../state/notify';
import { useUser } from '../../state/session';
import { fromBase64, inspectBundle, readInPieces, saveFile, tally, toBase64, type ChosenBundle } from './bundleFile';

type Preview = ChannelOutput<'sync.bundlePreview'>;
type Exported = ChannelOutput<'sync.exportBundle'>;
type Relayed = ChannelOutput<'sync.relayBundle'>;

interface Progress {
  label: string;
  done: number;
  total: number | null;
}

/** Roles that export their own work (the access table's sync.exportBundle row); everyone may hand a file on. */
const EXPORTERS: readonly string[] = ['clerk', 'mobile_team', 'supervisor'];

/**
 * 离线数据包: a mobile team without a network takes its pending work away on a USB stick (export: signed by this
 * station, sealed for central — no one on the way can read or alter it), and an online station hands a stick's
 * file on to central (import), seeing what central did with each change.
 */
export default function BundleScreen() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <div className="bundle-screen">
      <ScreenHeading>{t('bundle.title')}</ScreenHeading>
      <p>
        <a href={paths.sync()}>{t('bundle.backToSync')}</a>
      </p>
      <p className="field-hint">{t('bundle.intro')}</p>
      {EXPORTERS.includes(user.role) ? <ExportCard /> : null}
      <ImportCard />
    </div>
  );
}

function ProgressLine({ p }: { p: Progress | null }) {
  if (!p) return null;
  return (
    <p role="status" className="sync-progress" data-testid="bundle-progress">
      {p.label} {p.total ? <progress value={p.done} max={p.total} aria-label={p.label} /> : null}{' '}
      {p.total ? `${Math.min(100, Math.round((p.done / p.total) * 100))}%` : null}
    </p>
  );
}

function ExportCard() {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [done, setDone] = useState<Exported | null>(null);

  const load = () => {
    void api()
      .invoke('sync.bundlePreview', {})
      .then((r) => (r.ok ? setPreview(r.value) : setError(r.error)));
  };
  useEffect(load, []);
  // The core reports reading the attachments and sealing the file while it exports.
  useEffect(
    () =>
      api().on('progress', (e) => {
        if (e.task !== 'bundle.export') return;
        setProgress((p) => (p ? { label: t(`bundle.phase.${e.phase}`, { defaultValue: p.label }), done: e.done, total: e.total } : p));
      }),
    [t],
  );

  if (!preview) return error ? <ErrorBanner error={error} /> : <Loading />;

  const exportNow = async () => {
    setError(null);
    setDone(null);
    setProgress({ label: t('bundle.phase.read'), done: 0, total: null });
    const r = await api().invoke('sync.exportBundle', {});
    if (!r.ok) {
      setProgress(null);
      setError(r.error);
      return;
    }
    const file = r.value;
    try {
      let parts: Uint8Array[];
      if (file.dataBase64 !== null) parts = [fromBase64(file.dataBase64)];
      else {
        setProgress({ label: t('bundle.phase.save'), done: 0, total: file.bytes });
        parts = await readInPieces(
          file.bytes,
          async (offset, length) => {
            const piece = await api().invoke('sync.readBundle', { fileName: file.fileName, offset, length });
            if (!piece.ok) throw new Error(piece.error.message);
            return piece.value;
          },
          (d, total) => setProgress({ label: t('bundle.phase.save'), done: d, total }),
        );
      }
      // The browser downloads it; Electron asks where to save it (a folder, a USB stick).
      saveFile(file.fileName, parts);
      setDone(file);
      notify('success', t('bundle.exported', { name: file.fileName }));
    } catch (e) {
      notify('error', e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
      load();
    }
  };

  return (
    <section className="card" aria-labelledby="bundle-export-title" data-testid="bundle-export">
      <h2 id="bundle-export-title">{t('bundle.exportTitle')}</h2>
      <p data-testid="bundle-preview">
        {preview.ops === 0
          ? t('bundle.nothing')
          : t('bundle.willHold', { cases: preview.cases, ops: preview.ops, attachments: preview.attachments, size: formatSize(preview.attachmentBytes) })}
      </p>
      {preview.damaged > 0 ? (
        <div className="banner banner-warn" role="alert">
          {t('bundle.damaged', { count: preview.damaged })}
        </div>
      ) : null}
      {!preview.canSign ? <div className="banner banner-info">{t('bundle.noKey')}</div> : null}
      <p className="field-hint">{t('bundle.exportHint')}</p>
      <button type="button" className="primary" onClick={() => void exportNow()} disabled={preview.ops === 0 || !preview.canSign || progress !== null} data-testid="bundle-export-button">
        {t('bundle.export')}
      </button>
      <ProgressLine p={progress} />
      <ErrorBanner error={error} />
      {done ? (
        <dl className="facts" data-testid="bundle-exported">
          <dt>{t('bundle.file')}</dt>
          <dd className="mono">{done.fileName}</dd>
          <dt>{t('bundle.size')}</dt>
          <dd>{formatSize(done.bytes)}</dd>
          <dt>{t('bundle.made')}</dt>
          <dd>{formatInstant(done.createdAt)}</dd>
          <dt>{t('bundle.contents')}</dt>
          <dd>{t('bundle.holds', { cases: done.caseCount, ops: done.opCount, attachments: done.blobCount, size: formatSize(done.blobBytes) })}</dd>
          <dt>{t('bundle.seqs')}</dt>
          <dd>
            {done.firstSeq}–{done.lastSeq}
          </dd>
        </dl>
      ) : null}
      {done ? <p className="field-hint">{t('bundle.afterExport')}</p> : null}
    </section>
  );
}

function ImportCard() {
  const { t, i18n } = useTranslation();
  const { notify } = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<(ChosenBundle & { fileName: string }) | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<Relayed | null>(null);

  const kindName = (kind: string) => {
    const key = kind.startsWith('case.') ? `eventKind.${kind.slice(5)}` : `sync.opKind.${kind}`;
    return i18n.exists(key) ? t(key) : kind;
  };

  const choose = (file: File | undefined) => {
    setResult(null);
    setError(null);
    if (!file) return;
    const reader = new FileReader();
    reader.onprogress = (e) => setProgress({ label: t('bundle.reading'), done: e.loaded, total: e.lengthComputable ? e.total : null });
    reader.onerror = () => {
      setProgress(null);
      setChosen({ ok: false, message: t('bundle.unreadable'), fileName: file.name });
    };
    reader.onload = () => {
      setProgress(null);
      setChosen({ ...inspectBundle(new Uint8Array(reader.result as ArrayBuffer)), fileName: file.name });
    };
    reader.readAsArrayBuffer(file);
  };

  const relay = async () => {
    if (!chosen?.ok) return;
    setError(null);
    setProgress({ label: t('bundle.relaying'), done: 0, total: null });
    const r = await api().invoke('sync.relayBundle', { fileName: chosen.fileName, dataBase64: toBase64(chosen.bytes) });
    setProgress(null);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setResult(r.value);
    notify(r.value.rejected > 0 ? 'error' : 'success', t('bundle.relayed', { applied: r.value.applied, duplicate: r.value.duplicate, rejected: r.value.rejected }));
  };

  const counts = result ? tally(result.results) : null;
  return (
    <section className="card" aria-labelledby="bundle-import-title" data-testid="bundle-import">
      <h2 id="bundle-import-title">{t('bundle.importTitle')}</h2>
      <p className="field-hint">{t('bundle.importHint')}</p>
      <input ref={input} type="file" accept=".ybb" onChange={(e) => choose(e.target.files?.[0])} aria-label={t('bundle.choose')} data-testid="bundle-file" />
      <ProgressLine p={progress} />
      {chosen && !chosen.ok ? (
        <div className="banner banner-error" role="alert" data-testid="bundle-bad-file">
          {chosen.message}
        </div>
      ) : null}
      {chosen?.ok ? (
        <>
          <dl className="facts" data-testid="bundle-chosen">
            <dt>{t('bundle.from')}</dt>
            <dd className="mono">{chosen.header.stationCode}</dd>
            <dt>{t('bundle.made')}</dt>
            <dd>{formatInstant(chosen.header.createdAt)}</dd>
            <dt>{t('bundle.contents')}</dt>
            <dd>{t('bundle.holdsOps', { ops: chosen.header.opCount, attachments: chosen.header.blobCount, size: formatSize(chosen.header.blobBytes) })}</dd>
          </dl>
          <p className="field-hint">{t('bundle.sealed')}</p>
          <button type="button" className="primary" onClick={() => void relay()} disabled={progress !== null} data-testid="bundle-relay-button">
            {t('bundle.relay')}
          </button>
        </>
      ) : null}
      <ErrorBanner error={error} />
      {result && counts ? (
        <>
          <p role="status" className="banner banner-ok" data-testid="bundle-result">
            {t('bundle.result', { station: result.stationCode, applied: counts.applied, duplicate: counts.duplicate, rejected: counts.rejected, blobs: result.blobsStored })}
          </p>
          <table className="table" data-testid="bundle-results">
            <thead>
              <tr>
                <th scope="col">{t('bundle.colSeq')}</th>
                <th scope="col">{t('bundle.colCase')}</th>
                <th scope="col">{t('bundle.colKind')}</th>
                <th scope="col">{t('bundle.colOutcome')}</th>
              </tr>
            </thead>
            <tbody>
              {result.results.map((r) => (
                <tr key={r.seq} className={r.status === 'rejected' ? 'row-rejected' : undefined}>
                  <td className="mono">{r.seq}</td>
                  <td className="mono">{r.caseNo ?? '—'}</td>
                  <td>{kindName(r.kind)}</td>
                  <td lang="zh-CN">
                    {t(`bundle.outcome.${r.status}`)}
                    {r.message ? `：${r.message}` : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
