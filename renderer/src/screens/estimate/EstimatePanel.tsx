import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormValues } from '../../../../shared/catalog/form';
import { ASSISTANCE_CATEGORY_NAMES, OUTPATIENT_CATEGORIES, RESIDENT_TIERS, type OutpatientCategory, type ResidentTier } from '../../../../shared/policy/vocab';
import { ErrorBanner } from '../../components/ErrorBanner';
import { todayShanghai } from '../../lib/dates';
import { upperFirst, useLocalized } from '../../lib/text';
import { assistanceCategoryOf, defaultAssumptions, estimateKindFor, prepareEstimate, residentTierOf, type Assumptions, type EstimatePerson, type Prepared } from './estimateInput';
import { useLiveEstimate } from './useLiveEstimate';
import { EstimateSteps } from './EstimateSteps';
import { EstimateSummary, type SummaryOf } from './EstimateSummary';
import { SampleMark } from './SampleMark';

interface Props {
  itemCode: string;
  /** The form's typed values (amounts in fen). */
  form: FormValues;
  person: EstimatePerson;
  /** Buttons under the estimate (e.g. "保存测算" in case detail), given what is estimated now. */
  actions?: (current: { prepared: Prepared; ok: boolean } | null) => ReactNode;
  /** Inside a card (case detail): no frame of its own. */
  embedded?: boolean;
}

/**
 * 待遇测算 beside the form: the 一单制 settlement of a claim (basic insurance → critical illness → medical
 * assistance → what the person pays) or the contribution and the day cover starts, updated as the clerk types,
 * with the read-out steps. Always an estimate; SAMPLE figures say so.
 */
export function EstimatePanel({ itemCode, form, person, actions, embedded }: Props) {
  const { t } = useTranslation();
  const L = useLocalized();
  const ids = useId();
  const [assumptions, setAssumptions] = useState<Assumptions>(() => defaultAssumptions(person));
  const prepared = useMemo(() => prepareEstimate(itemCode, form, person, assumptions, todayShanghai()), [itemCode, form, person, assumptions]);
  const live = useLiveEstimate(prepared);
  if (!prepared) return null;

  const claim = estimateKindFor(itemCode) === 'claim';
  const resident = form.insuranceType === 'resident';
  const knownTier = residentTierOf(person);
  const assistance = assistanceCategoryOf(person.flags);
  const outcome = live.data?.estimate.outcome ?? null;
  let summary: SummaryOf | null = null;
  const e = live.data?.estimate;
  if (e?.kind === 'claim' && e.outcome.ok) summary = { kind: 'claim', result: e.outcome.result };
  else if (e?.kind === 'contribution' && e.outcome.ok) summary = { kind: 'contribution', result: e.outcome.result };

  return (
    <section className={`estimate-panel${embedded ? ' embedded' : ''}`} aria-labelledby={`${ids}-title`} aria-busy={live.pending} data-testid="estimate-panel">
      <div className="estimate-head">
        <h2 id={`${ids}-title`}>{claim ? t('estimate.claimTitle') : t('estimate.contributionTitle')}</h2>
        <span className="tag tag-estimate">{t('estimate.notDecision')}</span>
        {live.data?.region.sample ? <SampleMark /> : null}
      </div>
      {claim ? (
        <div className="estimate-assumptions">
          {resident ? (
            <div className="field">
              <label htmlFor={`${ids}-tier`}>{t('estimate.residentTier')}</label>
              <select
                id={`${ids}-tier`}
                value={assumptions.residentTier}
                onChange={(e) => setAssumptions((a) => ({ ...a, residentTier: e.target.value as ResidentTier | '' }))}
                aria-describedby={`${ids}-tier-hint`}
              >
                <option value="">{t('form.choose')}</option>
                {RESIDENT_TIERS.map((tier) => (
                  <option key={tier} value={tier}>
                    {t(`tier.${tier}`)}
                  </option>
                ))}
              </select>
              <div className="field-hint" id={`${ids}-tier-hint`}>
                {knownTier ? t('estimate.tierFromRecord') : t('estimate.tierAsk')}
              </div>
            </div>
          ) : null}
          {itemCode === 'outpatient_reimbursement' ? (
            <div className="field">
              <label htmlFor={`${ids}-category`}>{t('estimate.outpatientCategory')}</label>
              <select
                id={`${ids}-category`}
                value={assumptions.outpatientCategory}
                onChange={(e) => setAssumptions((a) => ({ ...a, outpatientCategory: e.target.value as OutpatientCategory }))}
              >
                {OUTPATIENT_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`estimate.category_${c}`)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <span className="field-label">{t('estimate.assistanceCategory')}</span>
            <span>{assistance ? upperFirst(L(ASSISTANCE_CATEGORY_NAMES[assistance])) : t('estimate.notAssisted')}</span>
            <span className="field-hint">{t('estimate.fromFlags')}</span>
          </div>
        </div>
      ) : null}
      {!prepared.ready ? (
        <p className="muted" data-testid="estimate-waiting">
          {prepared.waitingFor === 'invoices' ? t('estimate.waitInvoices') : prepared.waitingFor === 'tier' ? t('estimate.waitTier') : t('estimate.waitCategory')}
        </p>
      ) : outcome && !outcome.ok ? (
        <p className="estimate-needs" data-testid="estimate-needs">
          {t('estimate.needs')} <span lang="zh-CN">{outcome.message}</span>
        </p>
      ) : summary && outcome?.ok ? (
        <div className="estimate-body">
          <EstimateSummary summary={summary} />
          <details className="estimate-steps-box" open>
            <summary>{t('estimate.steps')}</summary>
            <EstimateSteps steps={outcome.steps} />
          </details>
          {claim ? <p className="field-hint">{t('estimate.thisYearNote')}</p> : null}
        </div>
      ) : (
        <p className="muted">{t('estimate.computing')}</p>
      )}
      <ErrorBanner error={live.error} />
      {actions ? actions(prepared.ready ? { prepared, ok: !!outcome?.ok && !live.pending } : null) : null}
    </section>
  );
}
