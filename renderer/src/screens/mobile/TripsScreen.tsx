import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { navigate, paths } from '../../lib/router';
import { todayShanghai } from '../../lib/dates';
import { useUser } from '../../state/session';
import '../../styles/mobile.css';

interface VillageDraft {
  name: string;
  regionCode: string;
}

/** 下乡服务: the team's trips, and a new one (villages, dates, members). */
export default function TripsScreen() {
  const { t } = useTranslation();
  const trips = useApiQuery('trips.list', {});
  const candidates = useApiQuery('trips.candidates', {});
  const me = useUser();
  const [name, setName] = useState('');
  const [villages, setVillages] = useState<VillageDraft[]>([{ name: '', regionCode: '' }]);
  const [startDate, setStartDate] = useState(todayShanghai());
  const [endDate, setEndDate] = useState(todayShanghai());
  const [members, setMembers] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    setError(null);
    const r = await api().invoke('trips.create', {
      name,
      villages: villages.filter((v) => v.name.trim() !== '' || v.regionCode.trim() !== '').map((v) => ({ name: v.name.trim(), regionCode: v.regionCode.trim() === '' ? null : v.regionCode.trim() })),
      startDate,
      endDate,
      // The one planning the trip goes on it when they can (a team member always does).
      memberIds: members.length > 0 || !(candidates.data ?? []).some((u) => u.id === me.id) ? members : [me.id],
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    navigate(paths.trip(r.value.trip.id));
  };
  const err = (field: string) => (error?.field?.startsWith(field) ? error.message : null);

  return (
    <div>
      <ScreenHeading>{t('trips.title')}</ScreenHeading>
      <section className="card" aria-labelledby="trips-list-title">
        <h2 id="trips-list-title">{t('trips.list')}</h2>
        {trips.loading ? <Loading /> : null}
        {trips.data && trips.data.length === 0 ? <p className="empty">{t('trips.none')}</p> : null}
        {trips.data && trips.data.length > 0 ? (
          <table className="m16-table" data-testid="trips-table">
            <thead>
              <tr>
                <th>{t('trips.name')}</th>
                <th>{t('trips.villages')}</th>
                <th>{t('trips.dates')}</th>
                <th>{t('trips.state')}</th>
                <th>{t('trips.taken')}</th>
              </tr>
            </thead>
            <tbody>
              {trips.data.map((v) => (
                <tr key={v.trip.id}>
                  <td>
                    <a href={paths.trip(v.trip.id)}>{v.trip.name}</a>
                  </td>
                  <td>{v.trip.villages.map((x) => x.name).join('、')}</td>
                  <td>
                    {v.trip.startDate} – {v.trip.endDate}
                  </td>
                  <td>{t(`trips.states.${v.trip.state}`)}</td>
                  <td>{t('trips.takenCounts', { cases: v.caseCount, visits: v.visitCount })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="card" aria-labelledby="trips-new-title">
        <h2 id="trips-new-title">{t('trips.new')}</h2>
        <ErrorBanner error={error} />
        <Field id="trip-name" label={t('trips.name')} required error={err('name')}>
          <input id="trip-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('trips.namePlaceholder')} />
        </Field>
        <fieldset>
          <legend>{t('trips.villages')}</legend>
          {villages.map((v, i) => (
            <div className="m16-grid" key={i}>
              <Field id={`village-${i}`} label={t('trips.villageName')} required error={err(`villages.${i}.name`)}>
                <input id={`village-${i}`} value={v.name} onChange={(e) => setVillages(villages.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
              </Field>
              <Field id={`village-region-${i}`} label={t('trips.villageRegion')} hint={t('trips.villageRegionHint')} error={err(`villages.${i}.regionCode`)}>
                <input id={`village-region-${i}`} inputMode="numeric" value={v.regionCode} onChange={(e) => setVillages(villages.map((x, j) => (j === i ? { ...x, regionCode: e.target.value } : x)))} />
              </Field>
            </div>
          ))}
          <button type="button" onClick={() => setVillages([...villages, { name: '', regionCode: '' }])}>
            {t('trips.addVillage')}
          </button>
        </fieldset>
        <div className="m16-grid">
          <Field id="trip-start" label={t('trips.startDate')} required error={err('startDate')}>
            <input id="trip-start" type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
          </Field>
          <Field id="trip-end" label={t('trips.endDate')} required error={err('endDate')}>
            <input id="trip-end" type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
          </Field>
        </div>
        <fieldset>
          <legend>{t('trips.members')}</legend>
          <div className="checks">
            {(candidates.data ?? []).map((u) => (
              <label className="check" key={u.id}>
                <input type="checkbox" checked={members.includes(u.id)} onChange={(e) => setMembers(e.target.checked ? [...members, u.id] : members.filter((m) => m !== u.id))} />
                {u.displayName}（{t(`role.${u.role}`)}）
              </label>
            ))}
          </div>
          {err('memberIds') ? <div className="field-error">{err('memberIds')}</div> : null}
        </fieldset>
        <div className="form-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void create()} data-testid="trip-create">
            {t('trips.create')}
          </button>
        </div>
      </section>
    </div>
  );
}
