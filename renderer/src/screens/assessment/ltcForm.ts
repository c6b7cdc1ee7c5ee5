import { LTC_ITEMS } from '../../../../shared/policy/ltc-items';
import { LTC_DIMENSIONS, type LtcDimension } from '../../../../shared/policy/tables/benefits-schema';
import type { CareMode } from '../../../../shared/policy/vocab';
import { isLocalDate } from '../../../../shared/time';

/**
 * The assessment form as the clerk fills it: two assessors, the date, the care mode asked for, and one score
 * per item of the national standard — only the scores the standard allows for that item can be chosen.
 */
export type Scores = Record<LtcDimension, Record<string, number | null>>;

export interface LtcFormState {
  assessors: [string, string];
  assessmentDate: string;
  requestedCareMode: CareMode | '';
  scores: Scores;
}

export function itemsOf(dim: LtcDimension): [string, { label: { 'zh-CN': string; en: string }; scores: readonly number[] }][] {
  return Object.entries(LTC_ITEMS[dim]);
}

export function emptyScores(): Scores {
  return Object.fromEntries(LTC_DIMENSIONS.map((d) => [d, Object.fromEntries(itemsOf(d).map(([k]) => [k, null]))])) as Scores;
}

export function initialState(today: string, careMode: CareMode | ''): LtcFormState {
  return { assessors: ['', ''], assessmentDate: today, requestedCareMode: careMode, scores: emptyScores() };
}

/** The dimension's total so far and how many items are still unscored. */
export function subtotal(scores: Scores, dim: LtcDimension): { total: number; missing: number } {
  let total = 0;
  let missing = 0;
  for (const [k] of itemsOf(dim)) {
    const v = scores[dim][k];
    if (v === null || v === undefined) missing += 1;
    else total += v;
  }
  return { total, missing };
}

export type LtcProblem = 'assessor1' | 'assessor2' | 'sameAssessor' | 'date' | 'futureDate' | 'score';

/** What is wrong before anything is sent, keyed by path (`assessors.0`, `assessmentDate`, `adl.eating`…). */
export function checkForm(s: LtcFormState, today: string): Record<string, LtcProblem> {
  const out: Record<string, LtcProblem> = {};
  const [a, b] = s.assessors.map((x) => x.trim());
  if (!a) out['assessors.0'] = 'assessor1';
  if (!b) out['assessors.1'] = 'assessor2';
  if (a && b && a === b) out['assessors.1'] = 'sameAssessor';
  if (!isLocalDate(s.assessmentDate)) out.assessmentDate = 'date';
  else if (s.assessmentDate > today) out.assessmentDate = 'futureDate';
  for (const dim of LTC_DIMENSIONS) {
    for (const [k, def] of itemsOf(dim)) {
      const v = s.scores[dim][k];
      if (v === null || v === undefined || !def.scores.includes(v)) out[`${dim}.${k}`] = 'score';
    }
  }
  return out;
}

/** The channel input once the form is complete. */
export function toInput(s: LtcFormState, caseId: string, version: number, attachmentIds: readonly string[]) {
  const dim = (d: LtcDimension) => Object.fromEntries(Object.entries(s.scores[d]).map(([k, v]) => [k, v ?? 0]));
  return {
    caseId,
    version,
    assessors: [s.assessors[0].trim(), s.assessors[1].trim()] as [string, string],
    assessmentDate: s.assessmentDate,
    adl: dim('adl'),
    cognition: dim('cognition'),
    perception: dim('perception'),
    ...(s.requestedCareMode ? { requestedCareMode: s.requestedCareMode } : {}),
    ...(attachmentIds.length > 0 ? { attachmentIds: [...attachmentIds] } : {}),
  };
}
