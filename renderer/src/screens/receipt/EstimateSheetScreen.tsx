import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../../shared/identity';
import { POLICY_TABLE_KIND_NAMES } from '../../../../shared/policy/tables/select';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { QrCode } from '../../components/QrCode';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useSession } from '../../state/session';
import { upperFirst, useLocalized } from '../../lib/text';
import { formatInstant, todayShanghai } from '../../lib/dates';
import { useCaseView } from '../cases/useCaseView';
import { EstimateSummary, summaryOf } from '../estimate/EstimateSummary';
import { EstimateSteps } from '../estimate/EstimateSteps';
import { SampleMark } from '../estimate/SampleMark';
import { LtcResultView } from '../assessment/LtcResultView';
import { PrintBar } from './PrintBar';

/**
 * 待遇测算单 (or 失能等级评估结果单): a saved estimate on paper — clearly an estimate, not a decision, and
 * SAMPLE figures marked as such at the top and the bottom — with its steps, totals and the tables it used.
 */
export default function EstimateSheetScreen({ caseId, estimateId }: { caseId: string; estimateId: string }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const { station } = useSession();
  const { view, error } = useCaseView(caseId);
  const list = useApiQuery('cases.estimates', { caseId });
  if (error ?? list.error) return <ErrorBanner error={error ?? list.error} />;
  if (!view || !list.data) return <Loading />;
  const est = list.data.find((e) => e.id === estimateId);
  if (!est) return <ErrorBanner error={{ code: 'not_found', message: t('sheet.notFound'), retryable: false }} />;
  const c = view.case;
  const ltc = est.kind === 'ltc_assessment';
  const summary = summaryOf(est);
  const title = ltc ? t('sheet.ltcTitle') : t('sheet.title');
  // One region's tables are used for an estimate; the name is kept with it (older estimates have only the code).
  const regionCode = est.tables[0]?.regionCode ?? null;
  const assessors = est.kind === 'ltc_assessment' ? est.meta.assessors.join('、') : null;
  return (
    <div className="document-screen">
      <PrintBar caseId={c.id} label={t('sheet.print')} pdfName={t('sheet.pdfName', { caseNo: c.caseNo, title })} />
      <article className="printable document estimate-sheet" aria-labelledby="sheet-title" data-testid="estimate-sheet">
        <header className="doc-head">
          <div>
            <div className="doc-station">{station?.name ?? ''}</div>
            <h1 id="sheet-title" className="doc-title">
              {title}
            </h1>
            <div className="doc-subtitle">{ltc ? t('sheet.ltcSubtitle') : t('sheet.subtitle')}</div>
          </div>
          <QrCode text={c.caseNo} label={t('receipt.qrLabel', { caseNo: c.caseNo })} />
        </header>
        {est.sample ? <SampleMark block /> : null}
        <table className="doc-table">
          <tbody>
            <tr>
              <th scope="row">{t('receipt.caseNo')}</th>
              <td className="mono doc-caseno">{c.caseNo}</td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.applicant')}</th>
              <td>
                {view.person.name} <span className="mono">{maskIdNumber(view.person.idNumber)}</span>
              </td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.item')}</th>
              <td>{L(view.itemName)}</td>
            </tr>
            {assessors ? (
              <tr>
                <th scope="row">{t('ltc.assessors')}</th>
                <td>
                  {assessors}
                  {typeof est.meta.assessmentDate === 'string' ? ` · ${t('ltc.assessedOn', { date: est.meta.assessmentDate })}` : ''}
                </td>
              </tr>
            ) : null}
            {est.regionName || regionCode ? (
              <tr>
                <th scope="row">{t('sheet.region')}</th>
                <td data-testid="sheet-region">
                  {est.regionName ? `${L(est.regionName)} ` : ''}
                  {regionCode ? <span className="mono">{regionCode}</span> : null}
                </td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">{ltc ? t('sheet.recordedAt') : t('sheet.computedAt')}</th>
              <td>
                {formatInstant(est.computedAt)} · {est.actorName}
              </td>
            </tr>
          </tbody>
        </table>
        <h2 className="doc-section">{t('sheet.result')}</h2>
        {summary ? <EstimateSummary summary={summary} /> : null}
        {est.kind === 'ltc_assessment' ? <LtcResultView result={est.result} /> : null}
        <h2 className="doc-section">{t('sheet.steps')}</h2>
        <EstimateSteps steps={est.steps} />
        <h2 className="doc-section">{t('sheet.tables')}</h2>
        <ul className="doc-list small">
          {est.tables.map((tb) => (
            <li key={`${tb.kind}-${tb.effectiveFrom}`}>
              {upperFirst(L(POLICY_TABLE_KIND_NAMES[tb.kind]))} · {t('sheet.tableRef', { region: tb.regionCode, version: tb.version, from: tb.effectiveFrom })}
              {tb.sample ? ` · ${t('sheet.sampleTable')}` : ''}
            </li>
          ))}
        </ul>
        <p className="doc-note sheet-disclaimer">{ltc ? t('sheet.ltcDisclaimer') : t('sheet.disclaimer')}</p>
        {est.sample ? <SampleMark block /> : null}
        <table className="doc-table">
          <tbody>
            <tr>
              <th scope="row">{t('receipt.station')}</th>
              <td>{station ? `${station.name}（${station.code}）` : ''}</td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.printedOn')}</th>
              <td>{todayShanghai()}</td>
            </tr>
          </tbody>
        </table>
        <div className="doc-sign">
          <span>{t('receipt.signApplicant')}</span>
          <span>{t('receipt.signClerk')}</span>
        </div>
      </article>
    </div>
  );
}
