import { DEFAULT_POLICY_TABLES, estimateClaim, type ClaimInput } from '../shared/policy';
import { summarize, timeRuns, type Suite } from './harness';

/**
 * One full claim estimate — invoices → basic insurance (out-of-area referral, deductible, ratio, cap) →
 * critical-illness insurance → medical assistance — with 50 invoice lines, as the intake screen recomputes it
 * live. Target: p95 ≤ 1 ms.
 */

const RUNS = 2_000;
const LINES = 50;
const VARIANTS = 16;

function claim(variant: number): ClaimInput {
  const invoices = Array.from({ length: LINES }, (_, i) => {
    const amountFen = 100_000 + ((i * 7_919 + variant * 104_729) % 900_000); // 1,000–10,000 yuan a line
    return i % 3 === 0 ? { invoiceNo: `B${variant}-${i}`, invoiceDate: '2024-03-18', amountFen, selfPaidFen: Math.floor(amountFen / 10) } : { invoiceNo: `B${variant}-${i}`, amountFen };
  });
  return {
    careType: 'inpatient',
    regionCode: '999999',
    insuranceType: 'resident',
    residentTier: 'tier2',
    hospitalLevel: 'level3',
    admissionDate: '2024-03-01',
    dischargeDate: '2024-03-18',
    outOfAreaType: 'offsite_referral',
    assistanceCategory: 'dibao',
    invoices,
    thisYear: { basicFundPaidFen: variant * 100_000, assistancePaidFen: variant * 10_000 },
  };
}

export const rulesEstimate: Suite = {
  figures: ['rules-estimate'],
  run: async (report) => {
    const inputs = Array.from({ length: VARIANTS }, (_, v) => claim(v));
    let sink = 0;
    const samples = timeRuns(RUNS, (i) => {
      const r = estimateClaim(inputs[i % VARIANTS]!, DEFAULT_POLICY_TABLES);
      if (!r.ok) throw new Error(`${r.field}: ${r.message}`);
      sink += r.result.settlement.personFen;
    });
    if (sink < 0) throw new Error('unreachable');
    report(summarize('rules-estimate', samples, 'ms'));
  },
};
