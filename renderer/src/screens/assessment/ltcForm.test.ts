import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_TABLES, SAMPLE_REGION_CODE, assessLtc } from '../../../../shared/policy';
import { checkForm, initialState, subtotal, toInput, type LtcFormState } from './ltcForm';

/** Every ADL item at `adl`, cognition and perception intact (4 each). */
function filled(adl: number): LtcFormState {
  const s = initialState('2026-11-20', 'home');
  s.assessors = ['张评估', '李评估'];
  for (const k of Object.keys(s.scores.adl)) s.scores.adl[k] = adl;
  for (const k of Object.keys(s.scores.cognition)) s.scores.cognition[k] = 4;
  for (const k of Object.keys(s.scores.perception)) s.scores.perception[k] = 4;
  return s;
}

describe('LTC assessment form', () => {
  it('refuses a form with nothing chosen, naming every missing part', () => {
    const problems = checkForm(initialState('2026-11-20', ''), '2026-11-20');
    expect(problems['assessors.0']).toBe('assessor1');
    expect(problems['assessors.1']).toBe('assessor2');
    expect(Object.values(problems).filter((p) => p === 'score')).toHaveLength(17);
  });

  it('refuses the same assessor twice and a date after today', () => {
    const s = filled(0);
    s.assessors = ['王', '王'];
    s.assessmentDate = '2026-11-21';
    expect(checkForm(s, '2026-11-20')).toEqual({ 'assessors.1': 'sameAssessor', assessmentDate: 'futureDate' });
  });

  it('totals a dimension and counts what is missing', () => {
    const s = initialState('2026-11-20', '');
    s.scores.adl.eating = 10;
    s.scores.adl.walking = 15;
    expect(subtotal(s.scores, 'adl')).toEqual({ total: 25, missing: 8 });
  });

  it('gives level 3 for all ADL items at 0 with intact cognition and perception (default table)', () => {
    const s = filled(0);
    expect(checkForm(s, '2026-11-20')).toEqual({});
    const input = toInput(s, '00000000-0000-7000-8000-000000000000', 3, []);
    const r = assessLtc({ regionCode: SAMPLE_REGION_CODE, assessmentDate: input.assessmentDate, adl: input.adl, cognition: input.cognition, perception: input.perception } as never, DEFAULT_POLICY_TABLES);
    expect(r.ok && r.result.level).toBe(3);
    expect(r.ok && r.result.scores).toEqual({ adl: 0, cognition: 16, perception: 12 });
  });
});
