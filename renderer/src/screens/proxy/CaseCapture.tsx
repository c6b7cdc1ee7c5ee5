import { useTranslation } from 'react-i18next';
import { paths } from '../../lib/router';

/** From a case: photograph documents and sign on screen, and print the 授权委托书 filled in from its proxy data. */
export function CaseCapture({ caseId, hasProxy }: { caseId: string; hasProxy: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions no-print">
      <a className="button" href={paths.capture(caseId)} data-testid="case-capture">
        {t('capture.open')}
      </a>
      {hasProxy ? (
        <a className="button" href={paths.authorisation(caseId)} data-testid="case-authorisation">
          {t('authorisation.print')}
        </a>
      ) : null}
    </div>
  );
}
