import { useTranslation } from 'react-i18next';
import { printDocument } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { Loading } from '../../components/Loading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLocalized } from '../../lib/text';
import { paths } from '../../lib/router';
import '../../styles/mobile.css';

/** Items a village trip takes in (a village may decide them, or take them in for the town). */
const TRIP_ITEMS = ['resident_enrollment', 'resident_info_change', 'chronic_disease_certification', 'ltc_application', 'ltc_reassessment', 'offsite_long_term_residence_filing'];

function ItemRow({ code }: { code: string }) {
  const loc = useLocalized();
  const item = useApiQuery('catalog.get', { code });
  if (!item.data) return null;
  return (
    <tr>
      <td>{loc(item.data.name)}</td>
      <td>{item.data.materials.map((m) => loc(m.name)).join('；')}</td>
    </tr>
  );
}

/**
 * The trip's printed checklist: where and who, what the laptop holds, the forms and the authorisation template to
 * take, and what residents should bring for the items a trip takes in (from the catalog in force).
 */
export default function TripChecklist({ tripId }: { tripId: string }) {
  const { t } = useTranslation();
  const view = useApiQuery('trips.get', { tripId });
  const readiness = useApiQuery('trips.readiness', { tripId });
  if (view.error) return <ErrorBanner error={view.error} />;
  if (!view.data || !readiness.data) return <Loading />;
  const trip = view.data.trip;
  return (
    <div>
      <div className="form-actions no-print">
        <a className="button" href={paths.trip(tripId)}>
          {t('trips.back')}
        </a>
        <button type="button" className="primary" onClick={() => void printDocument()}>
          {t('trips.print')}
        </button>
      </div>
      <article className="print-doc" data-testid="trip-checklist">
        <h1>{t('trips.checklistTitle')}</h1>
        <p>
          {trip.name} · {trip.startDate} – {trip.endDate}
        </p>
        <p>
          {t('trips.villages')}：{readiness.data.villages.map((v) => `${v.name}（${t('trips.persons', { count: v.persons })}）`).join('、')}
        </p>
        <p>
          {t('trips.members')}：{view.data.members.map((m) => m.displayName).join('、')}
        </p>
        <h2>{t('trips.laptopHolds')}</h2>
        <ul>
          {readiness.data.items.map((i) => (
            <li key={i.key}>
              ☐ {t(`trips.need.${i.key}`)}：{i.detail}
            </li>
          ))}
        </ul>
        <h2>{t('trips.take')}</h2>
        <ul>
          <li>☐ {t('trips.takeAuthorisation')}</li>
          <li>☐ {t('trips.takeForms')}</li>
          <li>☐ {t('trips.takeDevices')}</li>
        </ul>
        <h2>{t('trips.residentsBring')}</h2>
        <table className="m16-table">
          <thead>
            <tr>
              <th>{t('trips.item')}</th>
              <th>{t('trips.materials')}</th>
            </tr>
          </thead>
          <tbody>
            {TRIP_ITEMS.map((code) => (
              <ItemRow key={code} code={code} />
            ))}
          </tbody>
        </table>
      </article>
    </div>
  );
}
