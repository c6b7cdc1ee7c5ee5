import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, refusalOf, residentId, type TestStation } from '../../testing/fixtures';
import { intakeSample } from '../../testing/intake';
import type { Session } from '../../session';
import { LTC_ITEMS } from '../../../shared/policy';

let st: TestStation;
let clerk: Session;
let personId: string;
beforeEach(async () => {
  st = await createTestStation();
  clerk = await st.as('clerk');
  personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1940-02-03', 11), name: '王老汉' })).id;
});
afterEach(() => st.cleanup());

const intake = (code: string) => intakeSample(st, clerk, code, personId);

const lowIncomeClaim = {
  careType: 'inpatient',
  insuranceType: 'resident',
  residentTier: 'tier1',
  hospitalLevel: 'level2',
  admissionDate: '2026-10-08',
  dischargeDate: '2026-10-20',
  outOfAreaType: 'local',
  invoices: [{ amountFen: 3_000_000, selfPaidFen: 100_000 }],
  assistanceCategory: 'dibao',
};

describe('policy at the counter', () => {
  it('seeds the sample tables once and says estimates use the sample region until central publishes the station region', async () => {
    const sup = await st.as('supervisor');
    const tables = await st.call(sup, 'policy.tables', {});
    expect(tables.length).toBeGreaterThanOrEqual(10);
    expect(tables.every((t) => t.sample && t.regionCode === '999999' && t.origin === 'default')).toBe(true);
    // Two inpatient tables (before and after 2023-05-01); only the later one is in force today.
    const inpatient = tables.filter((t) => t.kind === 'inpatient');
    expect(inpatient.map((t) => t.inForce)).toEqual([false, true]);
    const e = await st.call(clerk, 'policy.estimate', { kind: 'claim', input: lowIncomeClaim });
    expect(e.region).toMatchObject({ regionCode: '999999', sample: true });
    expect(e.estimate.kind).toBe('claim');
    expect(e.estimate.outcome.ok).toBe(true);
  });

  it('a live estimate: the layers add up to the invoice total, with steps to read out', async () => {
    const e = await st.call(clerk, 'policy.estimate', { kind: 'claim', input: lowIncomeClaim });
    if (!e.estimate.outcome.ok) throw new Error(e.estimate.outcome.message);
    const r = e.estimate.outcome.result as { settlement: Record<string, number>; invoiceTotalFen: number };
    const s = r.settlement;
    expect(r.invoiceTotalFen).toBe(3_000_000);
    const parts = Object.entries(s).filter(([k]) => k !== 'totalFen' && k.endsWith('Fen')).reduce((a, [, v]) => a + v, 0);
    expect(parts).toBe(3_000_000);
    expect(e.estimate.outcome.steps.length).toBeGreaterThan(3);
    expect(e.estimate.outcome.steps[0]!.label['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });

  it("fills in what the station knows of the person (assistance category from their flags) unless the clerk typed it", async () => {
    const dibao = await st.call(clerk, 'persons.register', { idNumber: residentId('1950-06-07', 33), name: '李低保', flags: ['dibao'] });
    const { assistanceCategory: _omit, ...withoutCategory } = lowIncomeClaim;
    const assistance = async (extra: Record<string, unknown>) => {
      const e = await st.call(clerk, 'policy.estimate', { kind: 'claim', input: { ...withoutCategory }, ...extra });
      if (!e.estimate.outcome.ok) throw new Error(e.estimate.outcome.message);
      return (e.estimate.outcome.result as { settlement: { medicalAssistanceFen: number } }).settlement.medicalAssistanceFen;
    };
    expect(await assistance({})).toBe(0);
    const fromFlags = await assistance({ personId: dibao.id });
    expect(fromFlags).toBeGreaterThan(0);
    // The same figure as when the clerk names the category.
    const typed = await st.call(clerk, 'policy.estimate', { kind: 'claim', input: lowIncomeClaim });
    if (!typed.estimate.outcome.ok) throw new Error('typed estimate refused');
    expect((typed.estimate.outcome.result as { settlement: { medicalAssistanceFen: number } }).settlement.medicalAssistanceFen).toBe(fromFlags);
  });

  it('refusals name the field (a calculator refusal is not an error of the channel)', async () => {
    const e = await st.call(clerk, 'policy.estimate', { kind: 'claim', input: { ...lowIncomeClaim, dischargeDate: '2026-10-01' } });
    expect(e.estimate.outcome).toMatchObject({ ok: false, field: 'dischargeDate' });
  });

  it('keeps an estimate with the case (event, version, outbox) and lists it', async () => {
    const v = await intake('inpatient_reimbursement');
    const outboxBefore = st.core.ctx.repos.outbox.pendingCount();
    const saved = await st.call(clerk, 'cases.saveEstimate', { caseId: v.id, version: v.version, kind: 'claim', input: lowIncomeClaim });
    expect(saved.caseVersion).toBe(v.version + 1);
    expect(saved.estimate.sample).toBe(true);
    expect(saved.estimate.regionName?.['zh-CN']).toMatch(/示例/);
    expect(saved.estimate.tables.length).toBeGreaterThan(0);
    expect(st.core.ctx.repos.outbox.pendingCount()).toBe(outboxBefore + 1);
    const list = await st.call(clerk, 'cases.estimates', { caseId: v.id });
    expect(list.map((x) => x.id)).toEqual([saved.estimate.id]);
    expect(list[0]!.regionName).toEqual(saved.estimate.regionName);
    expect(list[0]!.meta).toEqual({});
    const view = await st.call(clerk, 'cases.get', { caseId: v.id });
    expect(view.events.at(-1)?.kind).toBe('estimate_saved');
    const bad = await refusalOf(st.call(clerk, 'cases.saveEstimate', { caseId: v.id, version: saved.caseVersion, kind: 'claim', input: { ...lowIncomeClaim, invoices: [{ amountFen: -1 }] } }));
    expect(bad).toMatchObject({ code: 'invalid_input', field: 'input.invoices.0.amountFen' });
    expect(await st.call(clerk, 'cases.estimates', { caseId: v.id })).toHaveLength(1);
  });

  it('an LTC assessment by two assessors gives the level and is kept with the case', async () => {
    const v = await intake('ltc_application');
    const keys = Object.keys(LTC_ITEMS.adl);
    const sample = (await st.call(clerk, 'policy.estimate', { kind: 'claim', input: lowIncomeClaim })).region;
    expect(sample.sample).toBe(true);
    // Severe ADL impairment (all zero) with intact cognition and perception → level 3 (matrix row "severe", column "intact").
    const zeroAdl = Object.fromEntries(keys.map((k) => [k, 0]));
    const input = {
      caseId: v.id,
      version: v.version,
      assessors: ['刘评估', '陈评估'] as [string, string],
      assessmentDate: '2026-11-20',
      adl: zeroAdl,
      cognition: Object.fromEntries(Object.keys(LTC_ITEMS.cognition).map((k) => [k, 4])),
      perception: Object.fromEntries(Object.keys(LTC_ITEMS.perception).map((k) => [k, 4])),
    };
    const r = await st.callRaw(clerk, 'cases.saveLtcAssessment', input);
    if (!r.ok) throw new Error(`${r.error.field}: ${r.error.message}`);
    const out = r.value as { result: { level: number }; estimate: { kind: string; meta: { assessors: string[] } } };
    expect(out.result.level).toBe(3);
    expect(out.estimate.kind).toBe('ltc_assessment');
    expect(out.estimate.meta.assessors).toEqual(['刘评估', '陈评估']);
    const same = await refusalOf(st.call(clerk, 'cases.saveLtcAssessment', { ...input, version: v.version + 1, assessors: ['刘评估', '刘评估'] }));
    expect(same.field).toBe('assessors');
    const badScore = await refusalOf(st.call(clerk, 'cases.saveLtcAssessment', { ...input, version: v.version + 1, adl: { ...zeroAdl, [keys[0]!]: 7 } }));
    // The path names the field as the channel takes it (adl at the top level).
    expect(badScore.field).toBe(`adl.${keys[0]}`);
  });
});
