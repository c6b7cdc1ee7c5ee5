import { useTranslation } from 'react-i18next';
import { printDocument } from '../../api/client';
import { paths } from '../../lib/router';

/** Buttons above a printable document (not printed themselves). */
export function PrintBar({ caseId, label }: { caseId: string; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="print-bar no-print">
      <button type="button" className="primary" onClick={() => void printDocument()} autoFocus>
        {label}
      </button>
      <a className="button" href={paths.case(caseId)}>
        {t('receipt.toCase')}
      </a>
      <a className="button" href={paths.queue()}>
        {t('nav.queue')}
      </a>
      <a className="button" href={paths.intake()}>
        {t('receipt.nextIntake')}
      </a>
    </div>
  );
}
