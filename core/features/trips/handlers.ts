import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { accessFor } from '../../access';
import { createTrip, currentTrip, endTrip, listTrips, prepareTrip, requireTrip, startTrip, tripCandidates, tripReadiness, tripView } from './trips';
import { tripReport } from './report';
import { listVisits, recordVisit } from './visits';

/** trips.* and visits.*: village trips of a mobile service team, and visit records (三送一听). */
export const tripsHandlers = {
  'trips.list': (ctx, s) => listTrips(ctx, accessFor(s, 'trips.list')),
  'trips.candidates': (ctx, s) => {
    accessFor(s, 'trips.candidates');
    return tripCandidates(ctx);
  },
  'trips.create': (ctx, s, input) => createTrip(ctx, accessFor(s, 'trips.create'), input),
  'trips.get': (ctx, s, input) => tripView(ctx, requireTrip(ctx, accessFor(s, 'trips.get'), input.tripId)),
  'trips.readiness': (ctx, s, input) => tripReadiness(ctx, requireTrip(ctx, accessFor(s, 'trips.readiness'), input.tripId)),
  'trips.prepare': (ctx, s, input) => {
    const a = accessFor(s, 'trips.prepare');
    return prepareTrip(ctx, a, requireTrip(ctx, a, input.tripId));
  },
  'trips.start': (ctx, s, input) => {
    const a = accessFor(s, 'trips.start');
    return startTrip(ctx, a, requireTrip(ctx, a, input.tripId));
  },
  'trips.end': (ctx, s, input) => {
    const a = accessFor(s, 'trips.end');
    return endTrip(ctx, a, requireTrip(ctx, a, input.tripId), input.endedWith);
  },
  'trips.current': (ctx, s) => currentTrip(ctx, me(s)),
  'trips.report': (ctx, s, input) => {
    const a = accessFor(s, 'trips.report');
    return tripReport(ctx, a, requireTrip(ctx, a, input.tripId));
  },
  'visits.record': (ctx, s, input) => recordVisit(ctx, accessFor(s, 'visits.record'), input),
  'visits.list': (ctx, s, input) => {
    const a = accessFor(s, 'visits.list');
    if ('tripId' in input) requireTrip(ctx, a, input.tripId);
    return listVisits(ctx, a, input);
  },
} satisfies Partial<Handlers>;
