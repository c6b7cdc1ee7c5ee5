import { describe, expect, it } from 'vitest';
import { assessLtc, type LtcAssessmentInput, type LtcAssessmentResult } from './ltc-assessment';
import type { AdlScores, CognitionScores, PerceptionScores } from './ltc-items';
import { DEFAULT_POLICY_TABLES as T } from './tables/defaults';
import { cloneTable } from './test-support';

const FULL_ADL: AdlScores = { eating: 10, dressing: 10, faceAndMouth: 5, bowel: 10, bladder: 10, toilet: 10, walking: 15, transfer: 15, stairs: 10, bathing: 5 };
const FULL_COG: CognitionScores = { timeOrientation: 4, personOrientation: 4, placeOrientation: 4, memory: 4 };
const FULL_PER: PerceptionScores = { vision: 4, hearing: 4, communication: 4 };

/** ADL scores summing to `total` (a multiple of 5), taking points off from the last items first. */
function adl(total: number): AdlScores {
  const s = { ...FULL_ADL };
  let off = 100 - total;
  for (const k of Object.keys(s).reverse() as (keyof AdlScores)[]) {
    while (off > 0 && s[k] > 0) {
      s[k] -= 5;
      off -= 5;
    }
  }
  return s;
}

/** Cognition (or perception) scores summing to `total`. */
function points<T extends Record<string, number>>(full: T, total: number): T {
  const s = { ...full } as Record<string, number>;
  let off = Object.values(full).reduce((a, b) => a + b, 0) - total;
  for (const k of Object.keys(s).reverse()) {
    const take = Math.min(off, s[k]!);
    s[k] = s[k]! - take;
    off -= take;
  }
  return s as T;
}

interface Over {
  adl?: number;
  cognition?: number;
  perception?: number;
  requestedCareMode?: LtcAssessmentInput['requestedCareMode'];
}

/** Full scores except the dimension totals given. */
function input(over: Over = {}): LtcAssessmentInput {
  const { adl: a, cognition: c, perception: p, ...rest } = over;
  return {
    regionCode: '999999',
    assessmentDate: '2024-06-01',
    adl: a === undefined ? FULL_ADL : adl(a),
    cognition: c === undefined ? FULL_COG : points(FULL_COG, c),
    perception: p === undefined ? FULL_PER : points(FULL_PER, p),
    ...rest,
  } as LtcAssessmentInput;
}

function ok(i: LtcAssessmentInput, tables = T): LtcAssessmentResult {
  const r = assessLtc(i, tables);
  if (!r.ok) throw new Error(`${r.field}: ${r.message}`);
  return r.result;
}

describe('assessLtc: grades and the combination matrix', () => {
  it.each([
    // [ADL, cognition, perception] → grades → level (matrix 0 0 1 1 · 1 1 1 2 · 2 2 2 3 · 3 3 4 5).
    [100, 16, 12, ['intact', 'intact', 'intact'], 0],
    [95, 16, 12, ['mild', 'intact', 'intact'], 1],
    // ADL 65 is still mild (65–95), 60 is moderate (45–60).
    [65, 16, 12, ['mild', 'intact', 'intact'], 1],
    [60, 16, 12, ['moderate', 'intact', 'intact'], 2],
    [45, 16, 12, ['moderate', 'intact', 'intact'], 2],
    [40, 16, 12, ['severe', 'intact', 'intact'], 3],
    // Cognition 12 is mild (12–15), 11 moderate (4–11); with ADL severe: 3 vs 4.
    [40, 12, 12, ['severe', 'mild', 'intact'], 3],
    [40, 11, 12, ['severe', 'moderate', 'intact'], 4],
    [40, 4, 12, ['severe', 'moderate', 'intact'], 4],
    [40, 3, 12, ['severe', 'severe', 'intact'], 5],
    // Perception 8 is mild (8–11), 7 moderate (4–7); the worse of cognition and perception counts.
    [100, 16, 8, ['intact', 'intact', 'mild'], 0],
    [100, 16, 7, ['intact', 'intact', 'moderate'], 1],
    [100, 15, 3, ['intact', 'mild', 'severe'], 1],
    [70, 16, 3, ['mild', 'intact', 'severe'], 2],
    [50, 9, 9, ['moderate', 'moderate', 'mild'], 2],
    [50, 2, 12, ['moderate', 'severe', 'intact'], 3],
    [0, 0, 0, ['severe', 'severe', 'severe'], 5],
  ] as const)('ADL %i, cognition %i, perception %i', (a, c, p, grades, level) => {
    const r = ok(input({ adl: a, cognition: c, perception: p }));
    expect(r.scores).toEqual({ adl: a, cognition: c, perception: p });
    expect([r.grades.adl, r.grades.cognition, r.grades.perception]).toEqual(grades);
    expect(r.level).toBe(level);
  });

  it('takes thresholds and matrix from the table in force', () => {
    const tables = T.map((t) => {
      if (t.kind !== 'ltc_assessment') return t;
      const c = cloneTable(t);
      c.body.thresholds.adl.mild = 70;
      return c;
    });
    // With the bar for "mild" at 70, ADL 65 is moderate: level 2 instead of 1.
    expect(ok(input({ adl: 65 }), tables).level).toBe(2);
  });
});

describe('assessLtc: benefits and re-assessment', () => {
  it('level 0–2 are outside the sample benefits; 3–5 get them by mode', () => {
    expect(ok(input({ adl: 60 })).benefits).toEqual([]);
    expect(ok(input({ adl: 40 })).benefits).toEqual([
      { mode: 'institutional', fundRatioBp: 7_000, dailyCapFen: 5_000 },
      { mode: 'home', fundRatioBp: 7_500, dailyCapFen: 4_000 },
    ]);
    expect(ok(input({ adl: 0, cognition: 0, perception: 0 })).benefits.map((b) => b.mode)).toEqual(['specialised', 'institutional', 'home']);
  });

  it('says whether the requested care mode fits the level', () => {
    expect(ok(input({ adl: 40, requestedCareMode: 'specialised' })).requestedModeAllowed).toBe(false);
    expect(ok(input({ adl: 40, requestedCareMode: 'home' })).requestedModeAllowed).toBe(true);
    expect(ok(input({ adl: 40 })).requestedModeAllowed).toBeNull();
  });

  it.each([
    // Everything intact: nothing better exists, valid 24 months.
    [{}, false, '2026-06-01'],
    // ADL 40 (severe, level 3): 45 would be moderate (level 2) → near a threshold, 6 months.
    [{ adl: 40 }, true, '2024-12-01'],
    // ADL 30: 35 is still severe → 24 months.
    [{ adl: 30 }, false, '2026-06-01'],
    // ADL 30 with cognition 11 (level 4): cognition 12 would give level 3 → 6 months.
    [{ adl: 30, cognition: 11 }, true, '2024-12-01'],
    // Level 0 with ADL 100 and perception 8: improving can't lower level 0.
    [{ perception: 8 }, false, '2026-06-01'],
  ] as const)('%o → near threshold %s, due %s', (over, near, due) => {
    const r = ok(input(over));
    expect(r.nearThreshold).toBe(near);
    expect(r.nextAssessmentDue).toBe(due);
  });

  it('reads the assessment out', () => {
    const r = assessLtc(input({ adl: 40, cognition: 12, requestedCareMode: 'specialised' }), T);
    if (!r.ok) throw new Error(r.message);
    expect(r.steps.map((s) => s.label['zh-CN'])).toEqual([
      '日常生活活动能力 40 分（满分100）：重度受损（40分及以下）',
      '认知能力 12 分（满分16）：轻度受损（12–15分）',
      '感知觉与沟通能力 12 分（满分12）：能力完好（12分）',
      '认知能力与感知觉与沟通能力取较重者：轻度受损；与日常生活活动能力重度受损组合，评定为3级（重度失能Ⅰ级）',
      '可选院护（养老护理机构）：基金支付70%，每日最高 50.00 元',
      '可选家护（居家上门）：基金支付75%，每日最高 40.00 元',
      '申请的专护（医疗机构）不适用于3级（重度失能Ⅰ级）',
      '得分处于等级临界，6个月后复评：2024-12-01',
    ]);
    expect(r.steps[0]?.detail?.['zh-CN']).toBe('进食10、穿衣10、面部与口腔清洁5、大便控制10、小便控制5、用厕0、平地行走0、床椅转移0、上下楼梯0、洗澡0');
  });
});

describe('assessLtc accepts only the scores the standard allows', () => {
  it.each([
    [{ adl: { ...FULL_ADL, bathing: 10 } }, 'adl.bathing', '洗澡：只能为 5、0 分'],
    [{ adl: { ...FULL_ADL, faceAndMouth: 3 } }, 'adl.faceAndMouth', '面部与口腔清洁：只能为 5、0 分'],
    [{ adl: { ...FULL_ADL, walking: 7 } }, 'adl.walking', '平地行走：只能为 15、10、5、0 分'],
    [{ adl: { ...FULL_ADL, eating: 15 } }, 'adl.eating', '进食：只能为 10、5、0 分'],
    [{ cognition: { ...FULL_COG, memory: 5 } }, 'cognition.memory', '记忆力：只能为 4、3、2、1、0 分'],
    [{ perception: { ...FULL_PER, vision: -1 } }, 'perception.vision', '视力：只能为 4、3、2、1、0 分'],
    [{ perception: { ...FULL_PER, hearing: 2.5 } }, 'perception.hearing', '听力：只能为 4、3、2、1、0 分'],
    [{ perception: { vision: 4, hearing: 4 } }, 'perception.communication', '沟通能力：必填'],
    [{ cognition: { ...FULL_COG, mood: 3 } }, 'cognition.mood', 'mood：不是可填写的字段'],
    [{ requestedCareMode: 'hospice' }, 'requestedCareMode', '申请护理方式：护理方式应为专护、院护或家护'],
    [{ assessmentDate: '2021-12-31' }, 'assessmentDate', '区划 999999 在 2021-12-31 没有生效的“失能等级评估”政策表'],
  ] as const)('%o', (over, field, message) => {
    expect(assessLtc({ ...input(), ...over } as LtcAssessmentInput, T)).toEqual({ ok: false, field, message });
  });
});
