import { z } from 'zod';
import { LocalizedTextSchema } from '../text';

/**
 * The service-item catalog (事项清单) as data. Every item is plain JSON so that the central system can
 * publish a region's own catalog through sync; the zod schemas below validate it at that boundary.
 */

export const FAMILIES = ['enrollment', 'reimbursement', 'care'] as const;
export const FamilySchema = z.enum(FAMILIES);
export type Family = z.infer<typeof FamilySchema>;

/** 即时办结 / 限时办结 / 承诺制. Whether 容缺 is allowed is separate (`rongque`). */
export const HANDLING_MODES = ['on_the_spot', 'time_limited', 'commitment'] as const;
export const HandlingModeSchema = z.enum(HANDLING_MODES);
export type HandlingMode = z.infer<typeof HandlingModeSchema>;

/** Where an item may be decided, from the top: 市 / 县 / 镇(街) / 村(社区). */
export const LEVELS = ['city', 'county', 'town', 'village'] as const;
export const LevelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof LevelSchema>;

const FieldKeySchema = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'field keys are lowerCamelCase');
const CodeSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'codes are lower_snake_case');

/** When a conditional material is needed. */
export const MaterialConditionSchema = z.discriminatedUnion('kind', [
  /** Needed when form field `field` holds one of `oneOf`. */
  z.strictObject({
    kind: z.literal('field'),
    field: FieldKeySchema,
    oneOf: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  }),
  /** Needed when someone handles the case for the person (帮办代办). */
  z.strictObject({ kind: z.literal('proxy') }),
]);
export type MaterialCondition = z.infer<typeof MaterialConditionSchema>;

export const MaterialSchema = z.strictObject({
  code: CodeSchema,
  name: LocalizedTextSchema,
  requirement: z.enum(['required', 'optional', 'conditional']),
  condition: MaterialConditionSchema.optional(),
  /** May follow later under 容缺受理 (only meaningful when the item allows 容缺). */
  deferrable: z.boolean(),
  /** How many originals/copies, or other guidance read out at the window. */
  note: LocalizedTextSchema.optional(),
});
export type Material = z.infer<typeof MaterialSchema>;

const OptionSchema = z.strictObject({ value: z.string().min(1), label: LocalizedTextSchema });

const fieldCommon = {
  key: FieldKeySchema,
  label: LocalizedTextSchema,
  required: z.boolean(),
  help: LocalizedTextSchema.optional(),
  /** Shown (and validated) only when another field holds one of these values. */
  showWhen: z
    .strictObject({ field: FieldKeySchema, oneOf: z.array(z.union([z.string(), z.boolean()])).min(1) })
    .optional(),
};

const ScalarFieldSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...fieldCommon, type: z.literal('text'), maxLength: z.number().int().positive().max(2000).optional(), pattern: z.string().optional() }),
  z.strictObject({ ...fieldCommon, type: z.literal('enum'), options: z.array(OptionSchema).min(1) }),
  z.strictObject({ ...fieldCommon, type: z.literal('multiEnum'), options: z.array(OptionSchema).min(1) }),
  z.strictObject({
    ...fieldCommon,
    type: z.literal('date'),
    notAfterToday: z.boolean().optional(),
    /** The date of something that happened to the person (a visit, an admission): not before their birth. */
    notBeforeBirth: z.boolean().optional(),
  }),
  z.strictObject({ ...fieldCommon, type: z.literal('money'), minFen: z.number().int().min(0).optional(), maxFen: z.number().int().positive().optional() }),
  z.strictObject({ ...fieldCommon, type: z.literal('integer'), min: z.number().int().optional(), max: z.number().int().optional() }),
  z.strictObject({ ...fieldCommon, type: z.literal('boolean') }),
  z.strictObject({ ...fieldCommon, type: z.literal('idNumber') }),
  z.strictObject({ ...fieldCommon, type: z.literal('creditCode') }),
  z.strictObject({ ...fieldCommon, type: z.literal('phone') }),
  z.strictObject({ ...fieldCommon, type: z.literal('regionCode') }),
  z.strictObject({ ...fieldCommon, type: z.literal('bankAccount') }),
  /** A person's name (shared/identity/name.ts): 2–30 characters of CJK, letters and `·`, trimmed. */
  z.strictObject({ ...fieldCommon, type: z.literal('personName') }),
]);

export const FormFieldSchema = z.union([
  ScalarFieldSchema,
  /** Repeated rows, e.g. invoice lines. */
  z.strictObject({
    ...fieldCommon,
    type: z.literal('rows'),
    minRows: z.number().int().min(0),
    maxRows: z.number().int().positive().max(500),
    columns: z.array(ScalarFieldSchema).min(1),
  }),
]);
export type FormField = z.infer<typeof FormFieldSchema>;

/**
 * Cross-field rules of an item's form, as data (so a region's published catalog carries its own). Checked by
 * the form schema (shared/catalog/form.ts) wherever it is used: the form at the window, the core's 受理,
 * central's apply.
 */
export const FormRuleSchema = z.discriminatedUnion('kind', [
  /** Date field `later` is not before date field `earlier` (出院日期 ≥ 入院日期). */
  z.strictObject({ kind: z.literal('dateOrder'), earlier: FieldKeySchema, later: FieldKeySchema }),
  /** In every row of table `rows`, money column `part` is not above money column `whole` (全自费 ≤ 票据金额). */
  z.strictObject({ kind: z.literal('rowPartOf'), rows: FieldKeySchema, part: FieldKeySchema, whole: FieldKeySchema }),
  /** In every row of table `rows`, date column `column` lies between date fields `from` and `to` (the stay). */
  z.strictObject({ kind: z.literal('rowDateWithin'), rows: FieldKeySchema, column: FieldKeySchema, from: FieldKeySchema, to: FieldKeySchema }),
  /** Text column `column` of table `rows` holds each value once (compared without spaces, in upper case). */
  z.strictObject({ kind: z.literal('uniqueInRows'), rows: FieldKeySchema, column: FieldKeySchema }),
]);
export type FormRule = z.infer<typeof FormRuleSchema>;
export type ScalarField = z.infer<typeof ScalarFieldSchema>;
export type FieldType = FormField['type'];

export const CatalogItemSchema = z
  .strictObject({
    code: CodeSchema,
    family: FamilySchema,
    /** 主项 / 子项 names. */
    group: LocalizedTextSchema,
    name: LocalizedTextSchema,
    /** Pinyin initials and full pinyin of the Chinese name, for search at the window. */
    keywords: z.array(z.string()).default([]),
    mode: HandlingModeSchema,
    /** Working days to finish; 0 = on the spot. */
    limitWorkingDays: z.number().int().min(0).max(365),
    /** Extended limit for special cases (e.g. "10, ≤20 in special cases"). */
    limitMaxWorkingDays: z.number().int().min(0).max(365).optional(),
    /** 容缺受理: accept with deferrable materials missing, against a promise date. */
    rongque: z.strictObject({ maxPromiseWorkingDays: z.number().int().positive().max(60) }).nullable(),
    lowestLevel: LevelSchema,
    proxyAllowed: z.boolean(),
    materials: z.array(MaterialSchema).min(1),
    fields: z.array(FormFieldSchema),
    /** Cross-field rules of the form (none: only each field's own checks). */
    rules: z.array(FormRuleSchema).default([]),
    /** Source of the item's content (guide, edition). */
    source: z.string().optional(),
  })
  .superRefine((item, ctx) => {
    const codes = new Set<string>();
    for (const m of item.materials) {
      if (codes.has(m.code)) ctx.addIssue({ code: 'custom', message: `duplicate material code ${m.code}`, path: ['materials'] });
      codes.add(m.code);
      if ((m.requirement === 'conditional') !== (m.condition !== undefined)) {
        ctx.addIssue({ code: 'custom', message: `material ${m.code}: a condition goes with requirement "conditional" only`, path: ['materials'] });
      }
      if (m.deferrable && item.rongque === null) {
        ctx.addIssue({ code: 'custom', message: `material ${m.code} is deferrable but the item does not allow 容缺`, path: ['materials'] });
      }
    }
    const keys = new Set<string>();
    for (const f of item.fields) {
      if (keys.has(f.key)) ctx.addIssue({ code: 'custom', message: `duplicate field key ${f.key}`, path: ['fields'] });
      keys.add(f.key);
    }
    const byKey = new Map(item.fields.map((f) => [f.key, f] as const));
    const checkField = (f: ScalarField | FormField, where: string) => {
      if (f.type === 'text' && f.pattern !== undefined) {
        try {
          new RegExp(f.pattern);
        } catch {
          ctx.addIssue({ code: 'custom', message: `${where}: pattern is not a valid regular expression`, path: ['fields'] });
        }
      }
      if ((f.type === 'enum' || f.type === 'multiEnum') && new Set(f.options.map((o) => o.value)).size !== f.options.length) {
        ctx.addIssue({ code: 'custom', message: `${where}: duplicate option values`, path: ['fields'] });
      }
    };
    for (const f of item.fields) {
      checkField(f, `field ${f.key}`);
      if (f.type === 'rows') {
        const cols = new Set<string>();
        for (const c of f.columns) {
          if (cols.has(c.key)) ctx.addIssue({ code: 'custom', message: `field ${f.key}: duplicate column ${c.key}`, path: ['fields'] });
          cols.add(c.key);
          checkField(c, `field ${f.key}.${c.key}`);
          if (c.showWhen) ctx.addIssue({ code: 'custom', message: `field ${f.key}.${c.key}: columns cannot use showWhen`, path: ['fields'] });
        }
      }
      if (f.showWhen) {
        const target = byKey.get(f.showWhen.field);
        if (!target || target === f) {
          ctx.addIssue({ code: 'custom', message: `field ${f.key} is shown by unknown field ${f.showWhen.field}`, path: ['fields'] });
        } else {
          checkValues(target, f.showWhen.oneOf, `field ${f.key} showWhen`);
        }
      }
    }
    function checkValues(target: FormField, values: readonly (string | number | boolean)[], where: string) {
      // A value the field can never hold makes the condition dead: an enum needs one of its options, a boolean
      // true/false, a number field a number, a text-like field a string; a rows field holds no comparable value.
      const ok = (v: string | number | boolean): boolean => {
        switch (target.type) {
          case 'enum':
          case 'multiEnum':
            return target.options.some((o) => o.value === v);
          case 'boolean':
            return typeof v === 'boolean';
          case 'integer':
          case 'money':
            return typeof v === 'number';
          case 'rows':
            return false;
          default:
            return typeof v === 'string';
        }
      };
      for (const v of values) {
        if (!ok(v)) ctx.addIssue({ code: 'custom', message: `${where}: ${String(v)} is not a value of ${target.key}`, path: ['fields'] });
      }
    }
    for (const m of item.materials) {
      if (m.condition?.kind === 'field') {
        const target = byKey.get(m.condition.field);
        if (!target) ctx.addIssue({ code: 'custom', message: `material ${m.code} depends on unknown field ${m.condition.field}`, path: ['materials'] });
        else checkValues(target, m.condition.oneOf, `material ${m.code} condition`);
      }
    }
    for (const [i, rule] of item.rules.entries()) {
      for (const problem of ruleProblems(rule, byKey)) ctx.addIssue({ code: 'custom', message: `rule ${i + 1} (${rule.kind}): ${problem}`, path: ['rules', i] });
    }
    if (item.mode === 'on_the_spot' && item.limitWorkingDays !== 0) {
      ctx.addIssue({ code: 'custom', message: 'an on-the-spot item has limitWorkingDays 0', path: ['limitWorkingDays'] });
    }
    if (item.mode !== 'on_the_spot' && item.limitWorkingDays === 0) {
      ctx.addIssue({ code: 'custom', message: 'a time-limited item needs limitWorkingDays > 0', path: ['limitWorkingDays'] });
    }
    if (item.limitMaxWorkingDays !== undefined && item.limitMaxWorkingDays < item.limitWorkingDays) {
      ctx.addIssue({ code: 'custom', message: 'limitMaxWorkingDays is below limitWorkingDays', path: ['limitMaxWorkingDays'] });
    }
    if (item.rongque !== null && !item.materials.some((m) => m.deferrable)) {
      ctx.addIssue({ code: 'custom', message: 'an item allowing 容缺 needs at least one deferrable material', path: ['rongque'] });
    }
    if (!item.proxyAllowed && item.materials.some((m) => m.condition?.kind === 'proxy')) {
      ctx.addIssue({ code: 'custom', message: 'proxy materials on an item that allows no proxy', path: ['materials'] });
    }
  });
export type CatalogItem = z.infer<typeof CatalogItemSchema>;
export type CatalogItemInput = z.input<typeof CatalogItemSchema>;

/** What is wrong with a rule's references: each names a field (or a table's column) of the right type. */
function ruleProblems(rule: FormRule, byKey: ReadonlyMap<string, FormField>): string[] {
  const out: string[] = [];
  const field = (key: string, type: FieldType): void => {
    const f = byKey.get(key);
    if (!f) out.push(`unknown field ${key}`);
    else if (f.type !== type) out.push(`field ${key} is ${f.type}, not ${type}`);
  };
  const column = (rows: string, key: string, type: FieldType): void => {
    const f = byKey.get(rows);
    if (!f || f.type !== 'rows') return;
    const c = f.columns.find((col) => col.key === key);
    if (!c) out.push(`unknown column ${rows}.${key}`);
    else if (c.type !== type) out.push(`column ${rows}.${key} is ${c.type}, not ${type}`);
  };
  switch (rule.kind) {
    case 'dateOrder':
      field(rule.earlier, 'date');
      field(rule.later, 'date');
      if (rule.earlier === rule.later) out.push('a date is compared with itself');
      break;
    case 'rowPartOf':
      field(rule.rows, 'rows');
      column(rule.rows, rule.part, 'money');
      column(rule.rows, rule.whole, 'money');
      break;
    case 'rowDateWithin':
      field(rule.rows, 'rows');
      column(rule.rows, rule.column, 'date');
      field(rule.from, 'date');
      field(rule.to, 'date');
      break;
    case 'uniqueInRows':
      field(rule.rows, 'rows');
      column(rule.rows, rule.column, 'text');
      break;
  }
  return out;
}
