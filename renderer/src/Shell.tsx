import { lazy, Suspense, useCallback, useEffect } from 'react';
import { AppHeader } from './components/AppHeader';
import { StatusBar } from './components/StatusBar';
import { Loading } from './components/Loading';
import { navigate, parseHash, paths, useHash, type Route } from './lib/router';
import { useSession } from './state/session';
import { useSettings } from './state/settings';
import { useIdleLock } from './hooks/useIdleLock';
import { QueueScreen } from './screens/queue/QueueScreen';
import { CallingBar } from './screens/front/CallingBar';
import { AuditBanner } from './screens/audit/AuditBanner';

const PersonsScreen = lazy(() => import('./screens/persons/PersonsScreen'));
const IntakeScreen = lazy(() => import('./screens/intake/IntakeScreen'));
const CaseScreen = lazy(() => import('./screens/cases/CaseScreen'));
const ReceiptScreen = lazy(() => import('./screens/receipt/ReceiptScreen'));
const NoticeScreen = lazy(() => import('./screens/receipt/NoticeScreen'));
const SettingsScreen = lazy(() => import('./screens/settings/SettingsScreen'));
const UsersScreen = lazy(() => import('./screens/users/UsersScreen'));
const CorrectionScreen = lazy(() => import('./screens/cases/CorrectionScreen'));
const LtcAssessmentScreen = lazy(() => import('./screens/assessment/LtcAssessmentScreen'));
const EstimateSheetScreen = lazy(() => import('./screens/receipt/EstimateSheetScreen'));
const SyncScreen = lazy(() => import('./screens/sync/SyncScreen'));
const BundleScreen = lazy(() => import('./screens/sync/BundleScreen'));
const PolicyTablesScreen = lazy(() => import('./screens/policy/PolicyTablesScreen'));
const AuditScreen = lazy(() => import('./screens/audit/AuditScreen'));
const HallScreen = lazy(() => import('./screens/front/HallScreen'));
const FollowUpsScreen = lazy(() => import('./screens/front/FollowUpsScreen'));
const StatsScreen = lazy(() => import('./screens/front/StatsScreen'));
const TripsScreen = lazy(() => import('./screens/mobile/TripsScreen'));
const TripScreen = lazy(() => import('./screens/mobile/TripScreen'));
const TripChecklist = lazy(() => import('./screens/mobile/TripChecklist'));
const TripReportScreen = lazy(() => import('./screens/mobile/TripReportScreen'));
const OutreachScreen = lazy(() => import('./screens/mobile/OutreachScreen'));
const MyCasesScreen = lazy(() => import('./screens/proxy/MyCasesScreen'));
const BatchScreen = lazy(() => import('./screens/proxy/BatchScreen'));
const BatchDetailScreen = lazy(() => import('./screens/proxy/BatchDetailScreen'));
const CaptureScreen = lazy(() => import('./screens/proxy/CaptureScreen'));
const AuthorisationScreen = lazy(() => import('./screens/proxy/AuthorisationScreen'));

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'queue':
      return <QueueScreen />;
    case 'persons':
      return <PersonsScreen initialQuery={route.query.get('q') ?? ''} />;
    case 'intake':
      return (
        <IntakeScreen
          key={route.query.toString()}
          personId={route.query.get('person')}
          itemCode={route.query.get('item')}
          caseId={route.query.get('case')}
        />
      );
    case 'case':
      return <CaseScreen key={route.id} caseId={route.id ?? ''} />;
    case 'receipt':
      return <ReceiptScreen key={route.id} caseId={route.id ?? ''} />;
    case 'notice':
      return <NoticeScreen key={route.id} caseId={route.id ?? ''} />;
    case 'correct':
      return <CorrectionScreen key={route.id} caseId={route.id ?? ''} />;
    case 'assessment':
      return <LtcAssessmentScreen key={route.id} caseId={route.id ?? ''} />;
    case 'estimateSheet':
      return <EstimateSheetScreen key={`${route.id}/${route.sub}`} caseId={route.id ?? ''} estimateId={route.sub ?? ''} />;
    case 'sync':
      return <SyncScreen />;
    case 'bundles':
      return <BundleScreen />;
    case 'policy':
      return <PolicyTablesScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'users':
      return <UsersScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'hall':
      return <HallScreen />;
    case 'followups':
      return <FollowUpsScreen />;
    case 'trips':
      return <TripsScreen />;
    case 'trip':
      return <TripScreen key={route.id} tripId={route.id ?? ''} />;
    case 'tripChecklist':
      return <TripChecklist key={route.id} tripId={route.id ?? ''} />;
    case 'tripReport':
      return <TripReportScreen key={route.id} tripId={route.id ?? ''} />;
    case 'outreach':
      return <OutreachScreen key={route.query.toString()} list={route.query.get('list')} tripId={route.query.get('trip')} />;
    case 'mycases':
      return <MyCasesScreen />;
    case 'batch':
      return <BatchScreen />;
    case 'batchDetail':
      return <BatchDetailScreen key={route.id} batchId={route.id ?? ''} />;
    case 'capture':
      return <CaptureScreen key={route.id} caseId={route.id ?? ''} />;
    case 'authorisation':
      return <AuthorisationScreen key={route.id} caseId={route.id ?? ''} />;
    case 'stats':
      return <StatsScreen />;
  }
}

const SHORTCUTS: Record<string, string> = {
  '1': paths.queue(),
  '2': paths.persons(),
  '3': paths.intake(),
  '4': paths.settings(),
  '5': paths.users(),
  '6': paths.sync(),
  '7': paths.policy(),
  '8': paths.audit(),
  '9': paths.hall(),
  '0': paths.stats(),
  t: paths.trips(),
  o: paths.outreach(),
  m: paths.mycases(),
  b: paths.batch(),
};

/** The signed-in workstation: header and navigation, the current screen, the status bar. */
export function Shell({ hidden }: { hidden: boolean }) {
  const hash = useHash();
  const route = parseHash(hash);
  const { lock, session, user } = useSession();
  const { idleMinutes } = useSettings();
  const onIdle = useCallback(() => lock(), [lock]);
  // The window locks no later than the core ends an idle session (15 minutes by default).
  useIdleLock(!hidden, Math.min(idleMinutes, session?.idleMinutes ?? idleMinutes), onIdle);

  useEffect(() => {
    if (hidden) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const target = SHORTCUTS[e.key];
      if (target) {
        e.preventDefault();
        navigate(target);
      } else if (e.key.toLowerCase() === 'l') {
        e.preventDefault();
        lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hidden, lock]);

  return (
    <div className="shell" hidden={hidden}>
      <AppHeader current={route.name} />
      <main id="main" className="main">
        {user?.role === 'supervisor' ? <AuditBanner /> : null}
        <Suspense fallback={<Loading />}>
          <Screen route={route} />
        </Suspense>
      </main>
      {user && (user.role === 'clerk' || user.role === 'supervisor') ? <CallingBar hidden={hidden} /> : null}
      <StatusBar />
    </div>
  );
}
