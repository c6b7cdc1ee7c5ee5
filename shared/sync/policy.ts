import { z } from 'zod';
import { LocalDateSchema, RegionCodeSchema } from './common';
import { PolicyTableSchema as RulesTableSchema } from '../policy/tables/schema';

/**
 * A policy table as the sync protocol carries it: an envelope (`id` names the table across versions;
 * `version` grows with every publication of that id) around `body`, which is the whole table as
 * shared/policy defines it (kind, region, effective dates, figures, provenance). Central checks the body and
 * that it agrees with the envelope when the back office publishes; the station checks it again on arrival.
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
export const PolicyTableInputSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, '政策表编号只能用小写字母、数字、“.”“_”“-”'),
    kind: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, '政策表类别格式不对'),
    regionCode: RegionCodeSchema,
    effectiveFrom: LocalDateSchema,
    effectiveTo: LocalDateSchema.nullable(),
    body: z.record(z.string(), z.unknown()),
  })
  .superRefine((t, ctx) => {
    if (t.effectiveTo !== null && t.effectiveTo <= t.effectiveFrom) {
      ctx.addIssue({ code: 'custom', message: '失效日期应晚于生效日期', path: ['effectiveTo'] });
    }
    const rules = RulesTableSchema.safeParse(t.body);
    if (!rules.success) {
      const i = rules.error.issues[0];
      ctx.addIssue({ code: 'custom', message: `政策表内容不符合格式：${i ? `${i.path.join('.')} ${i.message}` : ''}`, path: ['body', ...(i?.path ?? [])] as (string | number)[] });
      return;
    }
    const r = rules.data;
    if (r.kind !== t.kind || r.regionCode !== t.regionCode || r.effectiveFrom !== t.effectiveFrom || r.effectiveTo !== t.effectiveTo) {
      ctx.addIssue({ code: 'custom', message: '政策表内容的类别、区划或生效日期与封套不一致', path: ['body'] });
    }
  });
export type PolicyTableInput = z.infer<typeof PolicyTableInputSchema>;
