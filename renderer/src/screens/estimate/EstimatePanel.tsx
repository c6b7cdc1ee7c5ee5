import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormValues } from '../../../../shared/catalog/form';
import { RESIDENT_TIERS, type ResidentTier } from '../../../../shared/policy/vocab';
import { ErrorBanner } from '../../components/ErrorBanner';
import { todayShanghai } from '../../lib/dates';
import { estimateKindFor, NO_OVERRIDES, prepareEstimate, type EstimatePerson, type Overrides, type Prepared } from './estimateInput';
import { useLiveEstimate } from './useLiveEstimate';
import { EstimateSteps } from './EstimateSteps';
import { EstimateSummary, type SummaryOf } from './EstimateSummary';
import { SampleMark } from './SampleMark';

interface Props {
  itemCode: string;
  /** The form's typed values (amounts in fen). */
  form: FormValues;
  /** Who it is for: the core fills in their resident tier and assistance category from their record. */
  person: EstimatePerson;
  /** Buttons under the estimate (e.g. "保存测算" in case detail), given what is estimated now. */
  actions?: (current: { prepared: Prepared; ok: boolean } | null) => ReactNode;
  /** Inside a card (case detail): no frame of its own. */
  embedded?: boolean;
  /**
   * Told what is on screen: the estimate's kind and inputs (the tier the clerk chose included) while it stands for
   * the current input, null otherwise — 受理 keeps that estimate with the case.
   */
  onLive?: (current: LiveEstimate | null) => void;
}

/** The estimate on screen, as 受理 sends it to be kept with the case. */
export interface LiveEstimate {
  kind: 'claim' | 'contribution';
  input: Record<string, unknown>;
}

/**
 * 待遇测算 beside the form: the 一单制 settlement of a claim (basic insurance → critical illness → medical
 * assistance → what the person pays) or the contribution and the day cover starts, updated as the clerk types,
 * with the read-out steps. The resident tier comes from the person's insurance record unless the clerk sets
 * one (and must be asked when the record has none). Always an estimate; SAMPLE figures say so.
 */
export function EstimatePanel({ itemCode, form, person, actions, embedded, onLive }: Props) {
  const { t } = useTranslation();
  const ids = useId();
  const [overrides, setOverrides] = useState<Overrides>(NO_OVERRIDES);
  const prepared = useMemo(() => prepareEstimate(itemCode, form, person, overrides, todayShanghai()), [itemCode, form, person, overrides]);
  const live = useLiveEstimate(prepared, person.id);
  const shown = prepared?.ready && !live.pending && live.data?.estimate.outcome.ok ? JSON.stringify({ kind: prepared.kind, input: prepared.input }) : null;
  useEffect(() => {
    onLive?.(shown === null ? null : (JSON.parse(shown) as LiveEstimate));
  }, [shown, onLive]);
  if (!prepared) return null;

  const claim = estimateKindFor(itemCode) === 'claim';
  const resident = form.insuranceType === 'resident';
  const outcome = live.data?.estimate.outcome ?? null;
  // The person's record says no tier (a person registered at the window): the calculator asks for it.
  const tierMissing = resident && outcome !== null && !outcome.ok && outcome.field === 'residentTier';
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
            <div className={`field${tierMissing ? ' field-invalid' : ''}`}>
              <label htmlFor={`${ids}-tier`}>{t('estimate.residentTier')}</label>
              <select
                id={`${ids}-tier`}
                value={overrides.residentTier}
                onChange={(ev) => setOverrides((o) => ({ ...o, residentTier: ev.target.value as ResidentTier | '' }))}
                aria-describedby={`${ids}-tier-hint`}
                aria-invalid={tierMissing || undefined}
                data-testid="estimate-tier"
              >
                <option value="">{t('estimate.tierFromRecord')}</option>
                {RESIDENT_TIERS.map((tier) => (
                  <option key={tier} value={tier}>
                    {t(`tier.${tier}`)}
                  </option>
                ))}
              </select>
              <div className="field-hint" id={`${ids}-tier-hint`}>
                {tierMissing ? t('estimate.tierAsk') : overrides.residentTier ? t('estimate.tierOverridden') : t('estimate.tierHint')}
              </div>
            </div>
          ) : null}
          <p className="field-hint estimate-person-note">{t('estimate.fromPerson')}</p>
        </div>
      ) : null}
      {!prepared.ready ? (
        <p className="muted" data-testid="estimate-waiting">
          {prepared.waitingFor === 'invoices' ? t('estimate.waitInvoices') : t('estimate.waitCategory')}
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
