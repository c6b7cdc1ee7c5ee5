import { z } from 'zod';
import { LocalDateSchema, RegionCodeSchema } from './common';

/**
 * A policy table as the sync protocol carries it. The tables' own schemas (shared/policy/) validate `body` per
 * `kind` at the station; the protocol treats `body` as an opaque JSON object and checks the envelope only.
 * `id` names the table across versions; `version` grows with every publication of that id.
 */
export const PolicyTableSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, '政策表编号只能用小写字母、数字、“.”“_”“-”'),
  kind: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, '政策表类别格式不对'),
  regionCode: RegionCodeSchema,
  effectiveFrom: LocalDateSchema,
  /** Exclusive end; null while in force. */
  effectiveTo: LocalDateSchema.nullable(),
  version: z.number().int().positive(),
  body: z.record(z.string(), z.unknown()),
}).refine((t) => t.effectiveTo === null || t.effectiveTo > t.effectiveFrom, {
  message: '失效日期应晚于生效日期',
  path: ['effectiveTo'],
});
export type PolicyTable = z.infer<typeof PolicyTableSchema>;

/** What the back office publishes: the version is assigned by central. */
export const PolicyTableInputSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, '政策表编号只能用小写字母、数字、“.”“_”“-”'),
  kind: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, '政策表类别格式不对'),
  regionCode: RegionCodeSchema,
  effectiveFrom: LocalDateSchema,
  effectiveTo: LocalDateSchema.nullable(),
  body: z.record(z.string(), z.unknown()),
}).refine((t) => t.effectiveTo === null || t.effectiveTo > t.effectiveFrom, {
  message: '失效日期应晚于生效日期',
  path: ['effectiveTo'],
});
export type PolicyTableInput = z.infer<typeof PolicyTableInputSchema>;
