import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import { canSaveEstimate } from '../../../../shared/cases/status';
import type { EstimateRecord } from '../../../../shared/api/channels/policy';
import type { ApiError } from '../../../../shared/api/errors';
import { formatYuan } from '../../../../shared/money';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatInstant } from '../../lib/dates';
import { navigate, paths } from '../../lib/router';
import { useNotify } from '../../state/notify';
import { EstimatePanel } from '../estimate/EstimatePanel';
import { headlineFen, summaryOf } from '../estimate/EstimateSummary';
import { SampleMark } from '../estimate/SampleMark';


/**
 * 待遇测算 of a case: the live estimate from the case's form, "保存测算" (kept with the case, printed as
 * 待遇测算单), and the estimates saved so far. The core fills in the tier and assistance category from the
 * case's person, when saving too; a tier the clerk set goes with the input.
 */
export function CaseEstimates({ view, saved, onSaved }: { view: CaseView; saved: readonly EstimateRecord[]; onSaved(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const c = view.case;
  const list = saved.filter((e) => e.kind !== 'ltc_assessment');
  const canSave = canSaveEstimate(c.status);

  const save = async (kind: 'claim' | 'contribution', input: Record<string, unknown>, print: boolean) => {
    setBusy(true);
    const r = await api().invoke('cases.saveEstimate', { caseId: c.id, version: c.version, kind, input });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    onSaved();
    notify('success', t('estimate.saved'));
    if (print) navigate(paths.estimateSheet(c.id, r.value.estimate.id));
  };

  return (
    <section className="card" aria-label={t('estimate.caseTitle')} data-testid="case-estimates">
      {!canSave ? <h2>{t('estimate.caseTitle')}</h2> : null}
      {canSave ? (
        <EstimatePanel
          embedded
          itemCode={c.itemCode}
          form={c.form}
          person={view.person}
          actions={(current) =>
            current?.prepared.ready ? (
              <div className="form-actions">
                <button type="button" className="primary" disabled={busy || !current.ok} onClick={() => current.prepared.ready && void save(current.prepared.kind, current.prepared.input, true)} data-testid="save-estimate">
                  {t('estimate.saveAndPrint')}
                </button>
                <button type="button" disabled={busy || !current.ok} onClick={() => current.prepared.ready && void save(current.prepared.kind, current.prepared.input, false)}>
                  {t('estimate.save')}
                </button>
              </div>
            ) : null
          }
        />
      ) : null}
      <ErrorBanner error={error} />
      <h3>{t('estimate.savedTitle')}</h3>
      {list.length === 0 ? (
        <p className="muted">{t('estimate.noneSaved')}</p>
      ) : (
        <ul className="saved-estimates" data-testid="saved-estimates">
          {list.map((e) => {
            const s = summaryOf(e);
            return (
              <li key={e.id}>
                <a href={paths.estimateSheet(c.id, e.id)}>{t('estimate.printSheet')}</a>{' '}
                <span className="mono">{formatInstant(e.computedAt)}</span> · {e.actorName} ·{' '}
                {s ? (s.kind === 'claim' ? t('estimate.personPaysIs', { amount: formatYuan(headlineFen(s)) }) : t('estimate.personDueIs', { amount: formatYuan(headlineFen(s)) })) : null}
                {e.sample ? <> <SampleMark /></> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
