import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../../shared/cases/status';
import { api } from '../../api/client';
import { useNotify } from '../../state/notify';
import { useUser } from '../../state/session';
import { storedWindow } from './CallingBar';

/**
 * 出件评价: after a case's hand-out, ask the citizen-facing screen of this clerk's window for the 好差评 of it (one
 * rating per service; the core refuses a case not handed out or rated already).
 */
export function HandOutRatingButton({ caseId, status }: { caseId: string; status: CaseStatus }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const user = useUser();
  const windowNo = storedWindow(user.id);
  if (status !== 'completed' || windowNo === null || (user.role !== 'clerk' && user.role !== 'supervisor')) return null;
  return (
    <button
      type="button"
      onClick={async () => {
        const r = await api().invoke('ratings.request', { windowNo, caseId });
        notify(r.ok ? 'success' : 'error', r.ok ? t('frontOffice.bar.ratingAsked', { window: windowNo }) : r.error.message);
      }}
    >
      {t('frontOffice.bar.askRating')}
    </button>
  );
}
