import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import { hasReceipt, mayOweMaterials } from '../../../../shared/cases/status';
import { paths } from '../../lib/router';
import { useNotify } from '../../state/notify';
import { WithdrawDialog } from './WithdrawDialog';
import { HandOutDialog } from './HandOutDialog';
import { HandOutRatingButton } from '../front/HandOutRatingButton';


/**
 * What the status and the role allow (`actions` of the case view). Continuing a draft goes back to the
 * intake form; 容缺 completion happens by recording the materials; 补正 opens the correction form;
 * 出件 asks for confirmation.
 */
export function CaseActions({ view, onChanged }: { view: CaseView; onChanged(v: CaseView): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [dialog, setDialog] = useState<'withdraw' | 'handOut' | null>(null);
  const c = view.case;
  const acts = new Set(view.actions);
  const hasMissing = view.materials.some((m) => m.needed && !m.received);
  return (
    <div className="case-actions" role="group" aria-label={t('caseDetail.actions')}>
      {c.status === 'draft' && (acts.has('accept') || acts.has('accept_rongque')) ? (
        <a className="button primary" href={paths.intake({ case: c.id })}>
          {t('caseDetail.continueIntake')}
        </a>
      ) : null}
      {acts.has('resubmit') ? (
        <a className="button primary" href={paths.correct(c.id)} data-testid="action-correct">
          {c.syncState === 'rejected' && c.status !== 'returned' ? t('caseDetail.correctRefused') : t('caseDetail.correct')}
        </a>
      ) : null}
      {acts.has('hand_out') ? (
        <button type="button" className="primary" onClick={() => setDialog('handOut')} data-testid="action-hand-out">
          {t('caseDetail.handOut')}
        </button>
      ) : null}
      <HandOutRatingButton caseId={c.id} status={c.status} />
      {hasReceipt(c.status) ? (
        <a className="button" href={paths.receipt(c.id)}>
          {t('caseDetail.receipt')}
        </a>
      ) : null}
      {hasMissing && mayOweMaterials(c.status) ? (
        <a className="button" href={paths.notice(c.id)}>
          {t('caseDetail.notice')}
        </a>
      ) : null}
      {acts.has('withdraw') ? (
        <button type="button" className="danger" onClick={() => setDialog('withdraw')}>
          {t('caseDetail.withdraw')}
        </button>
      ) : null}
      {dialog === 'withdraw' ? (
        <WithdrawDialog
          view={view}
          onClose={() => setDialog(null)}
          onDone={(v) => {
            setDialog(null);
            onChanged(v);
            notify('success', t('withdraw.done', { caseNo: v.case.caseNo }));
          }}
        />
      ) : null}
      {dialog === 'handOut' ? (
        <HandOutDialog
          view={view}
          onClose={() => setDialog(null)}
          onDone={(v) => {
            setDialog(null);
            onChanged(v);
            notify('success', t('handOut.done', { caseNo: v.case.caseNo }));
          }}
        />
      ) : null}
    </div>
  );
}
