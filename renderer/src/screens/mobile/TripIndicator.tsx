import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../hooks/useApiQuery';
import { paths, useHash } from '../../lib/router';
import '../../styles/mobile.css';

/** The window event TripScreen sends when a trip sets out or ends. */
export const TRIP_CHANGED = 'yibao:trip-changed';

/** The laptop is on a trip: everything taken in now belongs to it. Shown in the header on every screen. */
export function TripIndicator() {
  const { t } = useTranslation();
  // Read again as the user moves between screens (a trip set out or ended elsewhere shows at the next move).
  const hash = useHash();
  const q = useApiQuery('trips.current', {});
  const { reload } = q;
  useEffect(() => reload(), [hash, reload]);
  // A trip set out or ended on this screen (TripScreen tells it at once).
  useEffect(() => {
    window.addEventListener(TRIP_CHANGED, reload);
    return () => window.removeEventListener(TRIP_CHANGED, reload);
  }, [reload]);
  const trip = q.data?.trip;
  if (!trip) return null;
  return (
    <a className="trip-indicator" href={paths.trip(trip.id)} data-testid="trip-indicator" title={t('trips.onTripHint')}>
      {t('trips.onTrip', { name: trip.name })}
    </a>
  );
}
