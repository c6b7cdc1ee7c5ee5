import { z } from 'zod';
import { isInstant, isLocalDate } from './time';

/** Insurance type codes of the national platform (DOMAIN.md): 310 employee basic, 390 resident basic, 392 resident critical illness, 510 maternity. */
export const INSURANCE_TYPES = ['310', '390', '392', '510'] as const;
/** 1 normal, 2 suspended, 3 terminated. */
export const INSURANCE_STATUSES = ['1', '2', '3'] as const;

export const InsuranceRecordSchema = z.strictObject({
  type: z.enum(INSURANCE_TYPES),
  status: z.enum(INSURANCE_STATUSES),
  /** 医保区划 where insured. */
  regionCode: z.string().regex(/^\d{6}$/),
  since: z.string().refine(isLocalDate).nullable(),
  /** Resident contribution tier, when known. */
  tier: z.enum(['tier1', 'tier2', 'minor']).nullable().optional(),
});
export type InsuranceRecord = z.infer<typeof InsuranceRecordSchema>;

/** 城乡居民基本医疗保险 (resident basic medical insurance), and the record status "normal" (参保缴费正常). */
export const RESIDENT_BASIC: InsuranceRecord['type'] = '390';
export const INSURED_NORMAL: InsuranceRecord['status'] = '1';

/** The tier of the person's resident insurance in force, when the roster says. */
export function residentTierOf(p: { insurance: readonly InsuranceRecord[] }): NonNullable<InsuranceRecord['tier']> | null {
  return p.insurance.find((r) => r.type === RESIDENT_BASIC && r.status === INSURED_NORMAL)?.tier ?? null;
}

/**
 * The 医疗救助 category the person's flags put them in (DOMAIN.md: 特困 before 低保 before 监测对象 before 脱贫),
 * null for none. The category names are the flags' own (`tuopin` is 脱贫人口 in both).
 */
export function assistanceCategoryOf(p: { flags: readonly PersonFlag[] }): Extract<PersonFlag, 'tekun' | 'dibao' | 'monitored' | 'tuopin'> | null {
  for (const c of ['tekun', 'dibao', 'monitored', 'tuopin'] as const) if (p.flags.includes(c)) return c;
  return null;
}

/** Special groups the window should notice (identity records of transaction 1101, plus local ones). */
export const PERSON_FLAGS = ['tekun', 'dibao', 'tuopin', 'monitored', 'disability', 'military', 'talent'] as const;
export const PersonFlagSchema = z.enum(PERSON_FLAGS);
export type PersonFlag = z.infer<typeof PersonFlagSchema>;

export const PERSON_ID_KINDS = ['resident', 'hk_macao_permit', 'taiwan_permit', 'foreign_pr_2017', 'foreign_pr_2023'] as const;

export const PersonSchema = z.strictObject({
  id: z.string(),
  idNumber: z.string(),
  idKind: z.enum(PERSON_ID_KINDS),
  name: z.string(),
  namePinyin: z.string(),
  nameInitials: z.string(),
  sex: z.enum(['M', 'F']).nullable(),
  birthDate: z.string().refine(isLocalDate).nullable(),
  phone: z.string().nullable(),
  regionCode: z.string().nullable(),
  address: z.string().nullable(),
  flags: z.array(PersonFlagSchema),
  insurance: z.array(InsuranceRecordSchema),
  source: z.enum(['roster', 'window']),
  createdAt: z.string().refine(isInstant),
  updatedAt: z.string().refine(isInstant),
});
export type Person = z.infer<typeof PersonSchema>;

/** The short form shown in search results and on cases. */
export const PersonSummarySchema = PersonSchema.pick({
  id: true,
  idNumber: true,
  name: true,
  sex: true,
  birthDate: true,
  phone: true,
  flags: true,
});
export type PersonSummary = z.infer<typeof PersonSummarySchema>;

/** Age from which the window offers priority service to the elderly (适老化). */
export const ELDERLY_PRIORITY_AGE = 80;

/**
 * One row of the insured-person roster (from central's roster pull or an import file). Validated row by
 * row; the identity number is checked and normalised by the loader.
 */
export const RosterRowSchema = z.strictObject({
  idNumber: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(50),
  phone: z.string().trim().max(20).nullable().optional(),
  regionCode: z.string().regex(/^\d{6}$/, '区划代码应为6位数字'),
  address: z.string().trim().max(200).nullable().optional(),
  flags: z.array(PersonFlagSchema).max(10).default([]),
  insurance: z.array(InsuranceRecordSchema).max(20).default([]),
});
export type RosterRow = z.input<typeof RosterRowSchema>;
