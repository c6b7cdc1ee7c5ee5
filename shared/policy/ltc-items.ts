import { z } from 'zod';
import type { LocalizedText } from '../text';
import type { LtcDimension } from './tables/benefits-schema';

/**
 * The 17 items of the national disability-assessment standard for long-term care (2021) and the scores each
 * allows: activities of daily living (10 items, 0–100), cognition (4 items, 0–16), perception and
 * communication (3 items, 0–12). Higher is better. The form is the standard itself, so it lives in code;
 * the grade thresholds and the combination matrix are a policy table.
 */

interface ItemDef {
  label: LocalizedText;
  scores: readonly number[];
}

function item(zh: string, en: string, scores: readonly number[]): ItemDef {
  return { label: { 'zh-CN': zh, en }, scores };
}

const TEN = [10, 5, 0] as const;
const FIVE = [5, 0] as const;
const FIFTEEN = [15, 10, 5, 0] as const;
const FOUR = [4, 3, 2, 1, 0] as const;

export const LTC_ITEMS = {
  adl: {
    eating: item('进食', 'eating', TEN),
    dressing: item('穿衣', 'dressing', TEN),
    faceAndMouth: item('面部与口腔清洁', 'face and mouth cleaning', FIVE),
    bowel: item('大便控制', 'bowel control', TEN),
    bladder: item('小便控制', 'bladder control', TEN),
    toilet: item('用厕', 'toilet use', TEN),
    walking: item('平地行走', 'walking on level ground', FIFTEEN),
    transfer: item('床椅转移', 'bed–chair transfer', FIFTEEN),
    stairs: item('上下楼梯', 'going up and down stairs', TEN),
    bathing: item('洗澡', 'bathing', FIVE),
  },
  cognition: {
    timeOrientation: item('时间定向', 'orientation to time', FOUR),
    personOrientation: item('人物定向', 'orientation to people', FOUR),
    placeOrientation: item('空间定向', 'orientation to place', FOUR),
    memory: item('记忆力', 'memory', FOUR),
  },
  perception: {
    vision: item('视力', 'vision', FOUR),
    hearing: item('听力', 'hearing', FOUR),
    communication: item('沟通能力', 'communication', FOUR),
  },
} as const satisfies Record<LtcDimension, Record<string, ItemDef>>;

export const LTC_DIMENSION_NAMES: Record<LtcDimension, LocalizedText> = {
  adl: { 'zh-CN': '日常生活活动能力', en: 'activities of daily living' },
  cognition: { 'zh-CN': '认知能力', en: 'cognition' },
  perception: { 'zh-CN': '感知觉与沟通能力', en: 'perception and communication' },
};

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The finest step a dimension's total moves by (ADL: 5 points; the others: 1). */
export const LTC_SCORE_STEP: Record<LtcDimension, number> = Object.fromEntries(
  Object.entries(LTC_ITEMS).map(([dim, items]) => [dim, Object.values(items).flatMap((i) => i.scores).reduce(gcd, 0)]),
) as Record<LtcDimension, number>;

/** Item labels for refusals ("洗澡：只能为 5 或 0 分"), plus the dimension names. */
export const LTC_FIELD_LABELS: Record<string, string> = Object.fromEntries([
  ...Object.entries(LTC_DIMENSION_NAMES).map(([k, v]) => [k, v['zh-CN']] as const),
  ...Object.values(LTC_ITEMS).flatMap((items) => Object.entries(items).map(([k, v]) => [k, v.label['zh-CN']] as const)),
]);

function scoreSchema(def: ItemDef) {
  const allowed = def.scores.join('、');
  return z
    .number('分数应为数字')
    .refine((v) => def.scores.includes(v), `只能为 ${allowed} 分`);
}

function dimensionSchema<D extends LtcDimension>(dim: D) {
  const items = LTC_ITEMS[dim] as Record<string, ItemDef>;
  const shape = Object.fromEntries(Object.entries(items).map(([k, def]) => [k, scoreSchema(def)]));
  return z.strictObject(shape as { [K in keyof (typeof LTC_ITEMS)[D]]: z.ZodNumber });
}

export const AdlScoresSchema = dimensionSchema('adl');
export const CognitionScoresSchema = dimensionSchema('cognition');
export const PerceptionScoresSchema = dimensionSchema('perception');
export type AdlScores = z.infer<typeof AdlScoresSchema>;
export type CognitionScores = z.infer<typeof CognitionScoresSchema>;
export type PerceptionScores = z.infer<typeof PerceptionScoresSchema>;
