import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../../shared/identity';
import { ScreenHeading } from '../../components/ScreenHeading';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useLocalized } from '../../lib/text';
import { formatInstant } from '../../lib/dates';
import { ageOf } from '../../lib/person';
import { paths } from '../../lib/router';
import { DueText } from '../queue/DueText';
import { PersonHints } from '../persons/PersonHints';
import { useCaseView } from './useCaseView';
import { CaseActions } from './CaseActions';
import { CaseMaterials } from './CaseMaterials';
import { CaseAttachments } from './CaseAttachments';
import { CaseCapture } from '../proxy/CaseCapture';
import { CaseTimeline } from './CaseTimeline';
import { CentralNote } from './CentralNote';
import { CaseEstimates } from './CaseEstimates';
import { CaseLtc } from './CaseLtc';
import { CaseHandlers } from './CaseHandlers';
import { SyncBadge } from '../../components/SyncBadge';
import { useApiQuery } from '../../hooks/useApiQuery';
import { estimateKindFor } from '../estimate/estimateInput';
import { CaseForm } from './CaseForm';

/**
 * A case: who, what, status (and where it stands with central) and due date, what central said (note, refusal,
 * payout), allowed actions, proxy, the disability assessment (care) or the benefit estimate (claims,
 * enrollment), materials and attachments, timeline.
 */
export default function CaseScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const { view, error, setView, reload } = useCaseView(caseId);
  const withEstimates = view !== null && (view.case.family === 'care' || estimateKindFor(view.case.itemCode) !== null);
  const estimates = useApiQuery('cases.estimates', withEstimates ? { caseId } : null);
  // The item's fields give the form's values their labels and groups (the case page shows what was taken in).
  const item = useApiQuery('catalog.get', view ? { code: view.case.itemCode } : null);
  // Saving an estimate or an assessment changes the case: read the list again with each new version.
  const version = view?.case.version ?? 0;
  const reloadEstimates = estimates.reload;
  const seenVersion = useRef(0);
  useEffect(() => {
    if (version === 0) return;
    if (seenVersion.current !== 0 && seenVersion.current !== version) reloadEstimates();
    seenVersion.current = version;
  }, [version, reloadEstimates]);
  if (!view) return error ? <ErrorBanner error={error} /> : <Loading />;
  const c = view.case;
  const p = view.person;
  const saved = estimates.data ?? [];
  const names = Object.fromEntries(view.materials.map((m) => [m.code, L(m.name)]));
  return (
    <div className="case-screen">
      <p className="breadcrumb">
        <a href={paths.queue()}>{t('nav.queue')}</a> /
      </p>
      <div className="screen-head">
        <ScreenHeading>
          {L(view.itemName)} <span className="mono">{c.caseNo}</span>
        </ScreenHeading>
        <span className="case-badges">
          <StatusBadge status={c.status} />
          <SyncBadge state={c.syncState} />
        </span>
      </div>
      <CentralNote view={view} onChanged={setView} />
      <CaseActions view={view} onChanged={setView} />
      <div className="two-col">
        <div>
          <section className="card" aria-labelledby="case-facts">
            <h2 id="case-facts">{t('caseDetail.facts')}</h2>
            <dl className="facts">
              <dt>{t('caseDetail.person')}</dt>
              <dd>
                {p.name} <span className="mono">{maskIdNumber(p.idNumber)}</span>
                <PersonHints flags={p.flags} age={ageOf(p.birthDate)} />
              </dd>
              <dt>{t('caseDetail.family')}</dt>
              <dd>{t(`family.${c.family}`)}</dd>
              <dt>{t('caseDetail.acceptedAt')}</dt>
              <dd>{c.acceptedAt ? formatInstant(c.acceptedAt) : '—'}</dd>
              <dt>{c.status === 'awaiting_materials' ? t('caseDetail.promiseDateLabel') : t('caseDetail.due')}</dt>
              <dd data-testid="case-due">
                <DueText slaDue={c.slaDue} daysLeft={view.workingDaysLeft} overdue={view.workingDaysLeft !== null && view.workingDaysLeft < 0} status={c.status} />
                {view.calendarEstimated ? <div className="muted small">{t('caseDetail.calendarEstimated')}</div> : null}
              </dd>
              <dt>{t('caseDetail.clerk')}</dt>
              <dd>{view.clerkName || '—'}</dd>
              <dt>{t('caseDetail.sync')}</dt>
              <dd data-testid="case-sync">
                <SyncBadge state={c.syncState} />
                {c.syncError ? (
                  <div className="field-error" lang="zh-CN">
                    {c.syncError}
                  </div>
                ) : null}
              </dd>
            </dl>
          </section>
          {item.data ? <CaseForm view={view} item={item.data} /> : null}
          <CaseHandlers view={view} onChanged={reload} />
          <section className="card" aria-labelledby="case-proxy" data-testid="case-proxy">
            <h2 id="case-proxy">{t('caseDetail.proxy')}</h2>
            {c.proxy ? (
              <dl className="facts">
                <dt>{t('intake.proxyName')}</dt>
                <dd>{c.proxy.name}</dd>
                <dt>{t('intake.proxyId')}</dt>
                <dd className="mono">{maskIdNumber(c.proxy.idNumber)}</dd>
                <dt>{t('intake.proxyRelationship')}</dt>
                <dd>{t(`relationship.${c.proxy.relationship}`)}</dd>
                {c.proxy.phone ? (
                  <>
                    <dt>{t('intake.proxyPhone')}</dt>
                    <dd>{c.proxy.phone}</dd>
                  </>
                ) : null}
                <dt>{t('caseDetail.authorisation')}</dt>
                <dd>{c.proxy.authorisationReceived ? t('caseDetail.authorisationYes') : t('caseDetail.authorisationNo')}</dd>
              </dl>
            ) : (
              <p className="muted">{t('caseDetail.noProxy')}</p>
            )}
          </section>
          {c.family === 'care' ? <CaseLtc view={view} saved={saved} /> : null}
          {estimateKindFor(c.itemCode) ? (
            <CaseEstimates
              view={view}
              saved={saved}
              onSaved={reload}
            />
          ) : null}
          <CaseMaterials view={view} onChanged={setView} />
          <CaseAttachments caseId={c.id} version={c.version} names={names} />
          <CaseCapture caseId={c.id} hasProxy={c.proxy !== null} />
        </div>
        <CaseTimeline events={view.events} />
      </div>
    </div>
  );
}
