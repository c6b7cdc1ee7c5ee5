import { useTranslation } from 'react-i18next';
import { ReceiptSignature } from '../proxy/ReceiptSignature';
import { maskIdNumber } from '../../../../shared/identity';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { QrCode } from '../../components/QrCode';
import { useSession } from '../../state/session';
import { useLocalized } from '../../lib/text';
import { formatInstant, todayShanghai } from '../../lib/dates';
import { PrintBar } from './PrintBar';
import { paths } from '../../lib/router';
import { estimateKindFor } from '../estimate/estimateInput';
import { useDocumentData } from './useDocumentData';
import { useApiQuery } from '../../hooks/useApiQuery';
import { formatYuan } from '../../../../shared/money';
import type { CaseView } from '../../../../shared/api/channels/cases';

/** The estimate kept with the case at 受理 (its id in the acceptance's event), or null. */
function keptAtAcceptance(view: CaseView | null): string | null {
  const accepted = view?.events.filter((e) => e.kind === 'accept' || e.kind === 'accept_rongque').at(-1);
  const id = accepted?.data.estimateId;
  return typeof id === 'string' ? id : null;
}

/** 受理回执: handed to the person; case number with its QR code, what was received and missing, when it will be done. */
export default function ReceiptScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const { station } = useSession();
  const { view, item, error, clerkName } = useDocumentData(caseId);
  const keptId = keptAtAcceptance(view);
  const estimates = useApiQuery('cases.estimates', keptId ? { caseId } : null);
  const kept = estimates.data?.find((e) => e.id === keptId) ?? null;
  if (error) return <ErrorBanner error={error} />;
  if (!view || !item) return <Loading />;
  const c = view.case;
  const received = view.materials.filter((m) => m.received);
  const missing = view.materials.filter((m) => m.needed && !m.received);
  const rongque = c.status === 'awaiting_materials';
  let limit: string;
  if (item.limitWorkingDays === 0) limit = t('receipt.onTheSpot');
  else if (rongque) limit = t('receipt.limitAfterMaterials', { count: item.limitWorkingDays });
  else limit = t('receipt.limit', { count: item.limitWorkingDays, date: c.slaDue ?? '—' });
  return (
    <div className="document-screen">
      <PrintBar caseId={c.id} label={t('receipt.print')} pdfName={t('receipt.pdfName', { caseNo: c.caseNo })}>
        {keptId ? (
          <a className="button" href={paths.estimateSheet(c.id, keptId)} data-testid="receipt-estimate-sheet">
            {t('receipt.estimateSheet')}
          </a>
        ) : estimateKindFor(c.itemCode) ? (
          <a className="button" href={`${paths.case(c.id)}`} data-testid="receipt-estimate">
            {t('receipt.estimate')}
          </a>
        ) : null}
      </PrintBar>
      <article className="printable document" aria-labelledby="receipt-title" data-testid="receipt">
        <header className="doc-head">
          <div>
            <div className="doc-station">{station?.name ?? ''}</div>
            <h1 id="receipt-title" className="doc-title">
              {t('receipt.title')}
            </h1>
          </div>
          <QrCode text={c.caseNo} label={t('receipt.qrLabel', { caseNo: c.caseNo })} />
        </header>
        <table className="doc-table">
          <tbody>
            <tr>
              <th scope="row">{t('receipt.caseNo')}</th>
              <td className="mono doc-caseno" data-testid="receipt-case-no">
                {c.caseNo}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.applicant')}</th>
              <td>
                {view.person.name} <span className="mono">{maskIdNumber(view.person.idNumber)}</span>
              </td>
            </tr>
            {c.proxy ? (
              <tr>
                <th scope="row">{t('receipt.agent')}</th>
                <td>
                  {c.proxy.name} <span className="mono">{maskIdNumber(c.proxy.idNumber)}</span>（{t(`relationship.${c.proxy.relationship}`)}）
                  {c.proxy.authorisationReceived ? ` · ${t('caseDetail.authorisationYes')}` : ''}
                </td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">{t('receipt.item')}</th>
              <td>{L(view.itemName)}</td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.acceptedAt')}</th>
              <td>{c.acceptedAt ? formatInstant(c.acceptedAt) : '—'}</td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.received')}</th>
              <td>
                {received.length === 0 ? (
                  t('common.none')
                ) : (
                  <ul className="doc-list">
                    {received.map((m) => (
                      <li key={m.code}>{L(m.name)}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.missing')}</th>
              <td>
                {missing.length === 0 ? (
                  t('common.none')
                ) : (
                  <>
                    <ul className="doc-list">
                      {missing.map((m) => (
                        <li key={m.code}>{L(m.name)}</li>
                      ))}
                    </ul>
                    {rongque && c.promiseDate ? <strong>{t('receipt.promise', { date: c.promiseDate })}</strong> : null}
                  </>
                )}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.limitLabel')}</th>
              <td data-testid="receipt-limit">
                {limit}
                {view.calendarEstimated ? <div className="small">{t('caseDetail.calendarEstimated')}</div> : null}
              </td>
            </tr>
            {kept?.kind === 'contribution' ? (
              <>
                <tr>
                  <th scope="row">{t('receipt.amountDue')}</th>
                  <td data-testid="receipt-amount-due">{t('central.yuan', { amount: formatYuan(kept.result.personFen) })}</td>
                </tr>
                {kept.result.paymentChannels.length > 0 ? (
                  <tr>
                    <th scope="row">{t('receipt.payHow')}</th>
                    <td data-testid="receipt-pay-how">
                      <ul className="doc-list">
                        {kept.result.paymentChannels.map((ch) => (
                          <li key={ch.code}>
                            {L(ch.name)}
                            {ch.how ? `：${L(ch.how)}` : ''}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ) : null}
                <tr>
                  <th scope="row">{t('receipt.coverFrom')}</th>
                  <td data-testid="receipt-cover-from">
                    {kept.result.startsAfterCoverageYear ? t('receipt.coverNone', { date: kept.result.benefitsFrom }) : kept.result.benefitsFrom}
                    <div className="small">{t('receipt.estimateKept')}</div>
                  </td>
                </tr>
              </>
            ) : null}
            <tr>
              <th scope="row">{t('receipt.station')}</th>
              <td>
                {station ? `${station.name}（${station.code}）` : ''}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.clerk')}</th>
              <td>{clerkName}</td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.printedOn')}</th>
              <td>{todayShanghai()}</td>
            </tr>
          </tbody>
        </table>
        <p className="doc-note">{t('receipt.note')}</p>
        <div className="doc-sign">
          <span>
            {t('receipt.signApplicant')}
            <ReceiptSignature caseId={c.id} />
          </span>
          <span>{t('receipt.signClerk')}</span>
        </div>
      </article>
    </div>
  );
}
