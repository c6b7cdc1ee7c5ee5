import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canSavePdf, printDocument, savePdf } from '../../api/client';
import { useNotify } from '../../state/notify';
import { paths } from '../../lib/router';

/** Buttons above a printable document (not printed themselves). */
export function PrintBar({ caseId, label, pdfName, children }: { caseId: string; label: string; pdfName: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  return (
    <div className="print-bar no-print">
      <button type="button" className="primary" onClick={() => void printDocument()} autoFocus>
        {label}
      </button>
      {canSavePdf() ? (
        <button
          type="button"
          onClick={() =>
            void savePdf(pdfName).then((path) => {
              if (path) notify('success', t('receipt.pdfSaved', { path }));
            })
          }
        >
          {t('receipt.savePdf')}
        </button>
      ) : null}
      {children}
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
