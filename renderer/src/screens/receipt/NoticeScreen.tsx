import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../../shared/identity';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { QrCode } from '../../components/QrCode';
import { useSession } from '../../state/session';
import { useLocalized } from '../../lib/text';
import { todayShanghai } from '../../lib/dates';
import { PrintBar } from './PrintBar';
import { useDocumentData } from './useDocumentData';

/** 一次性告知书: one written notice of everything still missing, so the person comes back only once. */
export default function NoticeScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const { station } = useSession();
  const { view, item, error, clerkName } = useDocumentData(caseId);
  if (error) return <ErrorBanner error={error} />;
  if (!view || !item) return <Loading />;
  const c = view.case;
  const missing = view.materials.filter((m) => m.needed && !m.received);
  const notes = new Map(item.materials.map((m) => [m.code, m.note]));
  return (
    <div className="document-screen">
      <PrintBar caseId={c.id} label={t('notice.print')} pdfName={t('notice.pdfName', { caseNo: c.caseNo })} />
      <article className="printable document" aria-labelledby="notice-title" data-testid="notice">
        <header className="doc-head">
          <div>
            <div className="doc-station">{station?.name ?? ''}</div>
            <h1 id="notice-title" className="doc-title">
              {t('notice.title')}
            </h1>
          </div>
          <QrCode text={c.caseNo} label={t('receipt.qrLabel', { caseNo: c.caseNo })} />
        </header>
        <p>
          {t('notice.greeting', { name: view.person.name })} <span className="mono">{maskIdNumber(view.person.idNumber)}</span>
        </p>
        <p>{t('notice.body', { item: L(view.itemName) })}</p>
        <ol className="doc-list numbered">
          {missing.map((m) => {
            const note = notes.get(m.code);
            return (
              <li key={m.code}>
                <strong>{L(m.name)}</strong>
                {note ? <div className="small">{L(note)}</div> : null}
              </li>
            );
          })}
        </ol>
        {missing.length === 0 ? <p>{t('notice.nothingMissing')}</p> : null}
        <p>{t('notice.closing')}</p>
        <table className="doc-table">
          <tbody>
            <tr>
              <th scope="row">{t('notice.reference')}</th>
              <td className="mono">{c.caseNo}</td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.station')}</th>
              <td>{station ? `${station.name}（${station.code}）` : ''}</td>
            </tr>
            <tr>
              <th scope="row">{t('receipt.clerk')}</th>
              <td>{clerkName}</td>
            </tr>
            <tr>
              <th scope="row">{t('notice.date')}</th>
              <td>{todayShanghai()}</td>
            </tr>
          </tbody>
        </table>
        <div className="doc-sign">
          <span>{t('notice.signApplicant')}</span>
          <span>{t('receipt.signClerk')}</span>
        </div>
      </article>
    </div>
  );
}
