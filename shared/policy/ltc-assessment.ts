import { z } from 'zod';
import { LocalizedTextSchema, type LocalizedText } from '../text';
import { addMonths } from '../time';
import { LocalDateInputSchema, RegionCodeSchema, parseInput } from './input';
import { AdlScoresSchema, CognitionScoresSchema, LTC_DIMENSION_NAMES, LTC_FIELD_LABELS, LTC_ITEMS, LTC_SCORE_STEP, PerceptionScoresSchema } from './ltc-items';
import { percentText, step, text, yuanText, type CalcOutcome, type Step } from './steps';
import { LTC_DIMENSIONS, LTC_DIMENSION_MAX, type LtcAssessmentBody, type LtcDimension } from './tables/benefits-schema';
import type { PolicyTable } from './tables/schema';
import { TableRefSchema, tableFor, tableRef } from './tables/select';
import { CARE_MODES, CARE_MODE_NAMES, CareModeSchema } from './vocab';

/**
 * Disability assessment for long-term care (失能等级评估): the 17 item scores → a score and a grade per
 * dimension (thresholds from the `ltc_assessment` table) → the level from the table's matrix (ADL grade
 * against the worse of cognition and perception) → the care modes and benefit standards the `ltc_benefit`
 * table allows for that level, and when the next assessment is due (sooner near a threshold: when one step of
 * improvement in a single dimension's score would lower the level). Both tables are selected on the assessment date.
 */

export const LtcAssessmentInputSchema = z.strictObject({
  regionCode: RegionCodeSchema,
  assessmentDate: LocalDateInputSchema,
  adl: AdlScoresSchema,
  cognition: CognitionScoresSchema,
  perception: PerceptionScoresSchema,
  requestedCareMode: CareModeSchema.optional(),
});
export type LtcAssessmentInput = z.input<typeof LtcAssessmentInputSchema>;

export const GRADES = ['intact', 'mild', 'moderate', 'severe'] as const;
export type Grade = (typeof GRADES)[number];

const GRADE_NAMES: Record<Grade, LocalizedText> = {
  intact: text('能力完好', 'intact'),
  mild: text('轻度受损', 'mildly impaired'),
  moderate: text('中度受损', 'moderately impaired'),
  severe: text('重度受损', 'severely impaired'),
};

export const LTC_LEVEL_NAMES: readonly LocalizedText[] = [
  text('0级（基本正常）', 'level 0 (basically normal)'),
  text('1级（轻度失能）', 'level 1 (mild disability)'),
  text('2级（中度失能）', 'level 2 (moderate disability)'),
  text('3级（重度失能Ⅰ级）', 'level 3 (severe disability I)'),
  text('4级（重度失能Ⅱ级）', 'level 4 (severe disability II)'),
  text('5级（重度失能Ⅲ级）', 'level 5 (severe disability III)'),
];

const fen = z.number().int();
const GradeSchema = z.enum(GRADES);
export const LtcAssessmentResultSchema = z.strictObject({
  assessmentDate: z.string(),
  tables: z.array(TableRefSchema),
  scores: z.strictObject({ adl: fen, cognition: fen, perception: fen }),
  grades: z.strictObject({ adl: GradeSchema, cognition: GradeSchema, perception: GradeSchema }),
  level: z.number().int().min(0).max(5),
  levelName: LocalizedTextSchema,
  benefits: z.array(z.strictObject({ mode: CareModeSchema, fundRatioBp: fen, dailyCapFen: fen })),
  requestedCareMode: CareModeSchema.nullable(),
  requestedModeAllowed: z.boolean().nullable(),
  nearThreshold: z.boolean(),
  nextAssessmentDue: z.string(),
});
export type LtcAssessmentResult = z.infer<typeof LtcAssessmentResultSchema>;

export function gradeOf(body: LtcAssessmentBody, dim: LtcDimension, score: number): Grade {
  const t = body.thresholds[dim];
  if (score >= t.intact) return 'intact';
  if (score >= t.mild) return 'mild';
  if (score >= t.moderate) return 'moderate';
  return 'severe';
}

function worse(a: Grade, b: Grade): Grade {
  return GRADES.indexOf(a) >= GRADES.indexOf(b) ? a : b;
}

/** The level for three dimension scores, by the table. */
export function levelOf(body: LtcAssessmentBody, scores: Record<LtcDimension, number>): number {
  const row = GRADES.indexOf(gradeOf(body, 'adl', scores.adl));
  const col = GRADES.indexOf(worse(gradeOf(body, 'cognition', scores.cognition), gradeOf(body, 'perception', scores.perception)));
  return body.matrix[row]?.[col] ?? 0;
}

/** The scores of a grade as read out, e.g. ADL mild "65–95分" (scores move in steps of 5 there). */
function gradeRange(body: LtcAssessmentBody, dim: LtcDimension, grade: Grade): LocalizedText {
  const t = body.thresholds[dim];
  const below = (n: number) => n - LTC_SCORE_STEP[dim];
  const span = (lo: number, hi: number) => (lo === hi ? text(`${lo}分`, `${lo}`) : text(`${lo}–${hi}分`, `${lo}–${hi}`));
  switch (grade) {
    case 'intact':
      return t.intact === LTC_DIMENSION_MAX[dim] ? text(`${t.intact}分`, `${t.intact}`) : text(`${t.intact}分及以上`, `${t.intact} or more`);
    case 'mild':
      return span(t.mild, below(t.intact));
    case 'moderate':
      return span(t.moderate, below(t.mild));
    case 'severe':
      return text(`${below(t.moderate)}分及以下`, `${below(t.moderate)} or less`);
  }
}

export function assessLtc(input: LtcAssessmentInput, tables: readonly PolicyTable[]): CalcOutcome<LtcAssessmentResult> {
  const parsed = parseInput(LtcAssessmentInputSchema, input, LTC_FIELD_LABELS);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  const a = tableFor(tables, 'ltc_assessment', v.regionCode, v.assessmentDate, 'assessmentDate');
  if (!a.ok) return a;
  const b = tableFor(tables, 'ltc_benefit', v.regionCode, v.assessmentDate, 'assessmentDate');
  if (!b.ok) return b;
  const body = a.table.body;
  const steps: Step[] = [];

  const itemScores: Record<LtcDimension, Record<string, number>> = { adl: v.adl, cognition: v.cognition, perception: v.perception };
  const scores = { adl: 0, cognition: 0, perception: 0 } as Record<LtcDimension, number>;
  const grades = {} as Record<LtcDimension, Grade>;
  for (const dim of LTC_DIMENSIONS) {
    const items = LTC_ITEMS[dim] as Record<string, { label: LocalizedText }>;
    const entries = Object.keys(items).map((k) => [k, itemScores[dim][k] ?? 0] as const);
    const score = entries.reduce((s, [, n]) => s + n, 0);
    scores[dim] = score;
    grades[dim] = gradeOf(body, dim, score);
    const name = LTC_DIMENSION_NAMES[dim];
    const g = GRADE_NAMES[grades[dim]];
    const range = gradeRange(body, dim, grades[dim]);
    steps.push(
      step(
        text(`${name['zh-CN']} ${score} 分（满分${LTC_DIMENSION_MAX[dim]}）：${g['zh-CN']}（${range['zh-CN']}）`, `${name.en}: ${score} of ${LTC_DIMENSION_MAX[dim]}, ${g.en} (${range.en})`),
        undefined,
        text(
          entries.map(([k, n]) => `${items[k]!.label['zh-CN']}${n}`).join('、'),
          entries.map(([k, n]) => `${items[k]!.label.en} ${n}`).join(', '),
        ),
      ),
    );
  }
  const other = worse(grades.cognition, grades.perception);
  const level = levelOf(body, scores);
  const levelName = LTC_LEVEL_NAMES[level]!;
  steps.push(
    step(
      text(
        `认知能力与感知觉与沟通能力取较重者：${GRADE_NAMES[other]['zh-CN']}；与日常生活活动能力${GRADE_NAMES[grades.adl]['zh-CN']}组合，评定为${levelName['zh-CN']}`,
        `The worse of cognition and perception is ${GRADE_NAMES[other].en}; with daily living ${GRADE_NAMES[grades.adl].en} the level is ${levelName.en}`,
      ),
    ),
  );

  // Benefits the level allows.
  const standards = b.table.body.standards.filter((s) => s.level === level).sort((x, y) => CARE_MODES.indexOf(x.mode) - CARE_MODES.indexOf(y.mode));
  const benefits = standards.map((s) => ({ mode: s.mode, fundRatioBp: s.fundRatioBp, dailyCapFen: s.dailyCapFen }));
  if (benefits.length === 0) {
    steps.push(step(text(`${levelName['zh-CN']}不在长期护理保险待遇范围内`, `${levelName.en} is outside long-term care benefits`)));
  }
  for (const s of benefits) {
    const m = CARE_MODE_NAMES[s.mode];
    steps.push(
      step(
        text(`可选${m['zh-CN']}：基金支付${percentText(s.fundRatioBp)}，每日最高 ${yuanText(s.dailyCapFen)} 元`, `${m.en}: the fund pays ${percentText(s.fundRatioBp)}, at most ${yuanText(s.dailyCapFen)} yuan a day`),
        s.dailyCapFen,
      ),
    );
  }
  const requested = v.requestedCareMode ?? null;
  const requestedModeAllowed = requested === null ? null : benefits.some((s) => s.mode === requested);
  if (requested !== null && !requestedModeAllowed) {
    const m = CARE_MODE_NAMES[requested];
    steps.push(step(text(`申请的${m['zh-CN']}不适用于${levelName['zh-CN']}`, `The requested ${m.en} is not available at ${levelName.en}`)));
  }

  // Next assessment: sooner when one step of improvement in a single dimension would lower the level (those
  // who get worse apply for a re-assessment themselves, 复评 for a changed condition).
  const r = body.reassessment;
  const nearThreshold = LTC_DIMENSIONS.some((dim) => {
    const p = r.nearThreshold[dim];
    if (p === null || p === 0) return false;
    const better = scores[dim] + p;
    return better <= LTC_DIMENSION_MAX[dim] && levelOf(body, { ...scores, [dim]: better }) < level;
  });
  const months = nearThreshold ? r.nearThresholdMonths : r.validityMonths;
  const nextAssessmentDue = addMonths(v.assessmentDate, months);
  steps.push(
    step(
      nearThreshold
        ? text(`得分处于等级临界，${months}个月后复评：${nextAssessmentDue}`, `Scores are near a threshold: re-assess after ${months} months, on ${nextAssessmentDue}`)
        : text(`评估结论有效期${months}个月，到期复评：${nextAssessmentDue}`, `The assessment is valid for ${months} months: re-assess on ${nextAssessmentDue}`),
    ),
  );

  return {
    ok: true,
    result: {
      assessmentDate: v.assessmentDate,
      tables: [tableRef(a.table), tableRef(b.table)],
      scores,
      grades,
      level,
      levelName,
      benefits,
      requestedCareMode: requested,
      requestedModeAllowed,
      nearThreshold,
      nextAssessmentDue,
    },
    steps,
  };
}
