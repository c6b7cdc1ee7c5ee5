import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import { paths } from '../../lib/router';
import { useNotify } from '../../state/notify';
import { WithdrawDialog } from './WithdrawDialog';

const RECEIPT_STATUSES = ['accepted', 'awaiting_materials', 'queued', 'submitted', 'approved', 'returned', 'completed'];

/**
 * What the status and the role allow (`actions` of the case view). Continuing a draft goes back to the
 * intake form; 容缺 completion happens by recording the materials; hand-out and resubmission wait for their channels.
 */
export function CaseActions({ view, onChanged }: { view: CaseView; onChanged(v: CaseView): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [withdrawing, setWithdrawing] = useState(false);
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
      {RECEIPT_STATUSES.includes(c.status) ? (
        <a className="button" href={paths.receipt(c.id)}>
          {t('caseDetail.receipt')}
        </a>
      ) : null}
      {hasMissing && ['draft', 'awaiting_materials'].includes(c.status) ? (
        <a className="button" href={paths.notice(c.id)}>
          {t('caseDetail.notice')}
        </a>
      ) : null}
      {acts.has('withdraw') ? (
        <button type="button" className="danger" onClick={() => setWithdrawing(true)}>
          {t('caseDetail.withdraw')}
        </button>
      ) : null}
      {acts.has('hand_out') || acts.has('resubmit') ? (
        <span className="muted small">{t('caseDetail.pendingChannel')}</span>
      ) : null}
      {withdrawing ? (
        <WithdrawDialog
          view={view}
          onClose={() => setWithdrawing(false)}
          onDone={(v) => {
            setWithdrawing(false);
            onChanged(v);
            notify('success', t('withdraw.done', { caseNo: v.case.caseNo }));
          }}
        />
      ) : null}
    </div>
  );
}
