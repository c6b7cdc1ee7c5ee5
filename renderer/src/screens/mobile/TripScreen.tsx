import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { formatInstant } from '../../lib/dates';
import { paths } from '../../lib/router';
import { useNotify } from '../../state/notify';
import { VisitForm } from './VisitForm';
import { VisitList } from './VisitList';
import { TRIP_CHANGED } from './TripIndicator';
import '../../styles/mobile.css';

/**
 * One trip: what the laptop holds for it (and a sync for what is missing while the link is up), the printed
 * checklist, setting out, the work lists of its villages, visit records, and coming back with a sync or a bundle.
 */
export default function TripScreen({ tripId }: { tripId: string }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const view = useApiQuery('trips.get', { tripId });
  const readiness = useApiQuery('trips.readiness', { tripId });
  const visits = useApiQuery('visits.list', { tripId });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [bundle, setBundle] = useState<{ fileName: string; path: string; opCount: number } | null>(null);

  if (view.error) return <ErrorBanner error={view.error} />;
  if (!view.data) return <Loading />;
  const trip = view.data.trip;
  const reload = () => {
    view.reload();
    readiness.reload();
    visits.reload();
  };
  const run = async (what: string, fn: () => Promise<{ ok: boolean; error?: ApiError }>) => {
    setBusy(what);
    setError(null);
    const r = await fn();
    setBusy(null);
    if (!r.ok && r.error) {
      setError(r.error);
      return false;
    }
    reload();
    window.dispatchEvent(new Event(TRIP_CHANGED));
    return true;
  };

  const syncMissing = () =>
    run('sync', async () => {
      const r = await api().invoke('sync.now', {});
      if (r.ok) notify('success', t('trips.synced'));
      return r;
    });
  const start = () => run('start', () => api().invoke('trips.start', { tripId }));
  const endWithSync = () =>
    run('end', async () => {
      const s = await api().invoke('sync.now', {});
      if (!s.ok) return s;
      if (s.value.status.pending > 0) return { ok: false, error: { code: 'conflict', message: t('trips.syncIncomplete', { count: s.value.status.pending }), retryable: true } };
      return api().invoke('trips.end', { tripId, endedWith: 'sync' });
    });
  // The bundle: the sync feature's export (sync.exportBundle), the same file the bundle screen makes.
  const endWithBundle = () =>
    run('end', async () => {
      const b = await api().invoke('sync.exportBundle', {});
      if (!b.ok) return b;
      setBundle({ fileName: b.value.fileName, path: b.value.path, opCount: b.value.opCount });
      return api().invoke('trips.end', { tripId, endedWith: 'bundle' });
    });

  return (
    <div>
      <p className="breadcrumb">
        <a href={paths.trips()}>{t('trips.title')}</a>
      </p>
      <ScreenHeading>{trip.name}</ScreenHeading>
      <ErrorBanner error={error} />
      <section className="card">
        <div className="card-top">
          <div>
            {trip.villages.map((v) => v.name).join('、')} · {trip.startDate} – {trip.endDate} · {view.data.members.map((m) => m.displayName).join('、')}
          </div>
          <strong data-testid="trip-state">{t(`trips.states.${trip.state}`)}</strong>
        </div>
        <p className="muted">
          {t('trips.takenCounts', { cases: view.data.caseCount, visits: view.data.visitCount })}
          {trip.startedAt ? ` · ${t('trips.startedAt', { at: formatInstant(trip.startedAt) })}` : ''}
          {trip.endedAt ? ` · ${t('trips.endedAt', { at: formatInstant(trip.endedAt), how: t(`trips.endedWith.${trip.endedWith ?? 'sync'}`) })}` : ''}
        </p>
        <div className="card-actions no-print">
          <a className="button" href={paths.outreach({ trip: tripId })} data-testid="trip-outreach">
            {t('trips.workLists')}
          </a>
          <a className="button" href={paths.tripChecklist(tripId)}>
            {t('trips.checklist')}
          </a>
          <a className="button" href={paths.tripReport(tripId)} data-testid="trip-report">
            {t('trips.report')}
          </a>
        </div>
      </section>

      {trip.state === 'planned' ? (
        <section className="card" aria-labelledby="readiness-title">
          <h2 id="readiness-title">{t('trips.readiness')}</h2>
          {readiness.data ? (
            <>
              <ul data-testid="readiness">
                {readiness.data.items.map((i) => (
                  <li key={i.key}>
                    <span className={i.ok ? 'm16-ok' : 'm16-missing'}>{i.ok ? '✓' : '✗'}</span> {t(`trips.need.${i.key}`)}：{i.detail}
                  </li>
                ))}
              </ul>
              <p className="muted">{readiness.data.lastSyncAt ? t('trips.lastSync', { at: formatInstant(readiness.data.lastSyncAt) }) : t('trips.neverSynced')}</p>
              <div className="form-actions">
                {!readiness.data.ready && readiness.data.connected ? (
                  <button type="button" disabled={busy !== null} onClick={() => void syncMissing()} data-testid="trip-sync-missing">
                    {t('trips.syncMissing')}
                  </button>
                ) : null}
                <button type="button" className="primary" disabled={busy !== null} onClick={() => void start()} data-testid="trip-start">
                  {readiness.data.ready ? t('trips.start') : t('trips.startAnyway')}
                </button>
              </div>
            </>
          ) : (
            <Loading />
          )}
        </section>
      ) : null}

      {trip.state === 'active' ? (
        <section className="card" aria-labelledby="visit-title">
          <h2 id="visit-title">{t('visits.record')}</h2>
          <VisitForm onSaved={reload} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="visits-title">
        <h2 id="visits-title">{t('visits.list')}</h2>
        <VisitList visits={visits.data ?? []} onChanged={reload} editable={trip.state === 'active'} />
      </section>

      {trip.state === 'active' ? (
        <section className="card" aria-labelledby="end-title">
          <h2 id="end-title">{t('trips.end')}</h2>
          <p>{t('trips.endHint')}</p>
          <div className="form-actions">
            <button type="button" disabled={busy !== null} onClick={() => void endWithSync()} data-testid="trip-end-sync">
              {t('trips.endWithSync')}
            </button>
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void endWithBundle()} data-testid="trip-end-bundle">
              {t('trips.endWithBundle')}
            </button>
          </div>
        </section>
      ) : null}
      {bundle ? (
        <div className="banner banner-info" role="status" data-testid="trip-bundle">
          {t('trips.bundleWritten', { path: bundle.path, count: bundle.opCount })}
        </div>
      ) : null}
    </div>
  );
}
