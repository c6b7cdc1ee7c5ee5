import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../shared/policy/steps';
import { formatYuan } from '../../../../shared/money';
import { useLocalized } from '../../lib/text';

/** The calculator's steps in order, as the clerk reads them out at the window: what, how, how much. */
export function EstimateSteps({ steps, id }: { steps: readonly Step[]; id?: string }) {
  const { t } = useTranslation();
  const L = useLocalized();
  return (
    <ol className="estimate-steps" id={id}>
      {steps.map((s, i) => (
        <li key={i}>
          <span className="step-label">{L(s.label)}</span>
          {s.amountFen !== undefined ? <span className="step-amount mono">{t('estimate.yuan', { amount: formatYuan(s.amountFen) })}</span> : null}
          {s.detail ? <div className="step-detail small">{L(s.detail)}</div> : null}
        </li>
      ))}
    </ol>
  );
}
