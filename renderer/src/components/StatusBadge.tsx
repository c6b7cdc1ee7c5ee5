import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../shared/cases/status';

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-${status}`}>{t(`status.${status}`)}</span>;
}
