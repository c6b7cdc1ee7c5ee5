import { useTranslation } from 'react-i18next';
import { printDocument } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { Loading } from '../../components/Loading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLocalized } from '../../lib/text';
import { todayShanghai } from '../../lib/dates';
import { paths } from '../../lib/router';
import { SignatureImage } from './CaptureScreen';
import { findSignature } from './signatures';
import '../../styles/mobile.css';

/**
 * 授权委托书, filled in from the case's proxy data — principal, agent, relationship, the item, the period — to be
 * signed on paper where no pad is at hand; a signature made on screen is printed on it.
 */
export default function AuthorisationScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const view = useApiQuery('cases.get', { caseId });
  const atts = useApiQuery('attachments.list', { caseId });
  const station = useApiQuery('setup.status', {});
  if (view.error) return <ErrorBanner error={view.error} />;
  if (!view.data) return <Loading />;
  const { case: c, person } = view.data;
  const p = c.proxy;
  const from = (c.acceptedAt ?? c.createdAt).slice(0, 10) || todayShanghai();
  const applicant = findSignature(atts.data ?? [], 'authorisation', 'applicant');
  const agentSig = findSignature(atts.data ?? [], 'authorisation', 'agent');
  const stationName = station.data?.station?.name ?? '';
  return (
    <div>
      <div className="form-actions no-print">
        <a className="button" href={paths.case(caseId)}>
          {t('trips.back')}
        </a>
        <button type="button" className="primary" onClick={() => void printDocument()} data-testid="authorisation-print">
          {t('trips.print')}
        </button>
      </div>
      {!p ? <div className="banner banner-info">{t('authorisation.noProxy')}</div> : null}
      <article className="print-doc" data-testid="authorisation-doc">
        <h1>{t('authorisation.docTitle')}</h1>
        <p>
          {t('authorisation.principal')}
          <span className="blank">{person.name}</span> {t('authorisation.idNumber')}
          <span className="blank mono">{person.idNumber}</span>
        </p>
        <p>
          {t('authorisation.agent')}
          <span className="blank">{p?.name ?? ''}</span> {t('authorisation.idNumber')}
          <span className="blank mono">{p?.idNumber ?? ''}</span>
        </p>
        <p>
          {t('authorisation.relationship')}
          <span className="blank">{p ? t(`relationship.${p.relationship}`) : ''}</span> {t('authorisation.phone')}
          <span className="blank">{p?.phone ?? ''}</span>
        </p>
        <p>{t('authorisation.statement', { item: loc(view.data.itemName), caseNo: c.caseNo })}</p>
        <p>{t('authorisation.period', { from })}</p>
        {stationName ? <p className="small">{t('authorisation.station', { name: stationName })}</p> : null}
        <div className="sign-line">
          <div>
            {t('authorisation.principalSigns')}
            {applicant ? <SignatureImage id={applicant.id} /> : <span className="blank" />}
          </div>
          <div>
            {t('authorisation.agentSigns')}
            {agentSig ? <SignatureImage id={agentSig.id} /> : <span className="blank" />}
          </div>
        </div>
        <p style={{ textAlign: 'right' }}>
          {t('authorisation.date')}
          <span className="blank">{from}</span>
        </p>
        <p className="small">{t('authorisation.guardianNote')}</p>
      </article>
    </div>
  );
}
