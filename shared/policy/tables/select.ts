import { z } from 'zod';
import type { LocalDate } from '../../time';
import type { LocalizedText } from '../../text';
import type { CalcFailure } from '../steps';
import { inForce } from './overlap';
import { POLICY_TABLE_KINDS, type PolicyTable, type PolicyTableKind, type PolicyTableOf } from './schema';

export const POLICY_TABLE_KIND_NAMES: Record<PolicyTableKind, LocalizedText> = {
  contribution: { 'zh-CN': '居民医保缴费标准', en: 'resident contribution' },
  waiting_period: { 'zh-CN': '待遇等待期', en: 'waiting period' },
  inpatient: { 'zh-CN': '住院待遇', en: 'inpatient benefits' },
  outpatient: { 'zh-CN': '门诊待遇', en: 'outpatient benefits' },
  out_of_area: { 'zh-CN': '异地就医', en: 'out-of-area care' },
  critical_illness: { 'zh-CN': '大病保险', en: 'critical-illness insurance' },
  medical_assistance: { 'zh-CN': '医疗救助', en: 'medical assistance' },
  maternity: { 'zh-CN': '生育待遇', en: 'maternity benefits' },
  ltc_assessment: { 'zh-CN': '失能等级评估', en: 'disability assessment' },
  ltc_benefit: { 'zh-CN': '长期护理待遇', en: 'long-term care benefits' },
};

export type TableSelection<K extends PolicyTableKind> = { ok: true; table: PolicyTableOf<K> } | { ok: false; message: string };

/**
 * The table of `kind` for `regionCode` in force on `onDate` — the date that matters for the case: the
 * admission (or visit) date for a claim, the acceptance date for an enrollment, the assessment date for an
 * assessment. Refuses, with a Chinese sentence, when none is in force or (in an unchecked set) several are.
 */
export function selectTable<K extends PolicyTableKind>(tables: readonly PolicyTable[], kind: K, regionCode: string, onDate: LocalDate): TableSelection<K> {
  let found: PolicyTableOf<K> | undefined;
  for (const t of tables) {
    if (t.kind !== kind || t.regionCode !== regionCode || !inForce(t, onDate)) continue;
    if (found) {
      return { ok: false, message: `区划 ${regionCode} 在 ${onDate} 有多张生效的“${POLICY_TABLE_KIND_NAMES[kind]['zh-CN']}”政策表（版本 ${found.version} 与 ${t.version}），请核对政策表` };
    }
    found = t as PolicyTableOf<K>;
  }
  if (!found) return { ok: false, message: `区划 ${regionCode} 在 ${onDate} 没有生效的“${POLICY_TABLE_KIND_NAMES[kind]['zh-CN']}”政策表` };
  return { ok: true, table: found };
}

/** `selectTable` for a calculator: a missing table becomes a refusal naming the date field that selected it. */
export function tableFor<K extends PolicyTableKind>(
  tables: readonly PolicyTable[],
  kind: K,
  regionCode: string,
  onDate: LocalDate,
  dateField: string,
): { ok: true; table: PolicyTableOf<K> } | CalcFailure {
  const s = selectTable(tables, kind, regionCode, onDate);
  return s.ok ? s : { ok: false, field: dateField, message: s.message };
}

/** How a calculator names the tables it used, so a printed sheet can cite them (and say SAMPLE). */
export const TableRefSchema = z.strictObject({
  kind: z.enum(POLICY_TABLE_KINDS),
  regionCode: z.string(),
  version: z.string(),
  effectiveFrom: z.string(),
  sample: z.boolean(),
});
export type TableRef = z.infer<typeof TableRefSchema>;

export function tableRef(t: PolicyTable): TableRef {
  return { kind: t.kind, regionCode: t.regionCode, version: t.version, effectiveFrom: t.effectiveFrom, sample: t.sample };
}
