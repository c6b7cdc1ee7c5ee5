import { useTranslation } from 'react-i18next';
import type { ClaimEstimate } from '../../../../shared/policy/reimbursement';
import type { ContributionEstimate } from '../../../../shared/policy/contribution';
import { formatYuan } from '../../../../shared/money';
import type { EstimateRecord } from '../../../../shared/api/channels/policy';
import { useLocalized } from '../../lib/text';

export type SummaryOf = { kind: 'claim'; result: ClaimEstimate } | { kind: 'contribution'; result: ContributionEstimate };

/** What the summary shows of a stored estimate (the contract types its result by kind); null for kinds it does not show. */
export function summaryOf(e: EstimateRecord): SummaryOf | null {
  if (e.kind === 'claim') return { kind: e.kind, result: e.result };
  if (e.kind === 'contribution') return { kind: e.kind, result: e.result };
  return null;
}

/** The figure a list shows for an estimate: what the person pays in the end (claim) or now (contribution). */
export function headlineFen(s: SummaryOf): number {
  return s.kind === 'claim' ? s.result.settlement.personFen : s.result.personFen;
}

function Row({ label, fen, strong, testId }: { label: string; fen: number; strong?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <tr className={strong ? 'summary-strong' : undefined}>
      <th scope="row">{label}</th>
      <td className="mono num" data-testid={testId}>
        {t('estimate.yuan', { amount: formatYuan(fen) })}
      </td>
    </tr>
  );
}

/** 一单制 settlement of a claim, or the contribution due and the date cover starts. */
export function EstimateSummary({ summary, caption }: { summary: SummaryOf; caption?: string }) {
  const { t } = useTranslation();
  const L = useLocalized();
  if (summary.kind === 'claim') {
    const s = summary.result.settlement;
    return (
      <table className="summary-table" data-testid="estimate-summary">
        {caption ? <caption>{caption}</caption> : null}
        <tbody>
          <Row label={t('estimate.invoiceTotal')} fen={s.totalFen} testId="estimate-total" />
          <Row label={t('estimate.basicFund')} fen={s.basicFundFen} />
          <Row label={t('estimate.criticalIllness')} fen={s.criticalIllnessFen} />
          <Row label={t('estimate.assistance')} fen={s.medicalAssistanceFen} />
          <Row label={t('estimate.personPays')} fen={s.personFen} strong testId="estimate-person" />
          {summary.result.wholelySelfPaidFen > 0 ? (
            <tr>
              <td colSpan={2} className="small muted">
                {t('estimate.ofWhichSelfPaid', { amount: formatYuan(summary.result.wholelySelfPaidFen) })}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    );
  }
  const r = summary.result;
  const w = r.waiting;
  return (
    <table className="summary-table" data-testid="estimate-summary">
      {caption ? <caption>{caption}</caption> : null}
      <tbody>
        <Row label={t('estimate.standard', { year: r.coverageYear })} fen={r.standardFen} />
        {r.subsidyFen > 0 ? <Row label={t('estimate.subsidy', { payer: L(r.subsidyPayer) })} fen={r.subsidyFen} /> : null}
        <Row label={t('estimate.personDue')} fen={r.personFen} strong testId="estimate-total" />
        <tr>
          <th scope="row">{t('estimate.collectionPeriod')}</th>
          <td>
            {r.collectionPeriod.from} – {r.collectionPeriod.to} {r.inCollectionPeriod ? t('estimate.inPeriod') : t('estimate.outOfPeriod')}
          </td>
        </tr>
        <tr>
          <th scope="row">{t('estimate.waiting')}</th>
          <td>{w.totalMonths === 0 ? t('estimate.noWaiting') : t('estimate.waitingMonths', { count: w.totalMonths })}</td>
        </tr>
        <tr className="summary-strong">
          <th scope="row">{t('estimate.coverFrom')}</th>
          <td className="mono" data-testid="estimate-cover-from">
            {r.startsAfterCoverageYear ? t('estimate.noCoverThisYear') : `${r.benefitsFrom} – ${r.benefitsTo}`}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
