import { z } from 'zod';
import { currentCodeName } from '../legacy-codes';
import type { LocalizedText } from '../text';

/**
 * The words the policy rules share with the catalog's forms: the values here are the option values of
 * `shared/catalog/items/*` (insuranceType, hospitalLevel, outOfAreaType, hardshipGroup, assistanceCategory,
 * deliveryType, care modes), so a form's answers map onto a calculator's input without translation.
 */

function loc(zh: string, en: string): LocalizedText {
  return { 'zh-CN': zh, en };
}

/** 职工医保 / 城乡居民医保 (the forms' `insuranceType`). */
export const SCHEMES = ['employee', 'resident'] as const;
export const SchemeSchema = z.enum(SCHEMES, '参保险种应为职工医保或城乡居民医保');
export type Scheme = z.infer<typeof SchemeSchema>;
export const SCHEME_NAMES: Record<Scheme, LocalizedText> = {
  employee: loc('职工医保', 'employee insurance'),
  resident: loc('城乡居民医保', 'resident insurance'),
};

/** Hospital level (the forms' `hospitalLevel`). */
export const HOSPITAL_LEVELS = ['level1', 'level2', 'level3', 'unrated'] as const;
export const HospitalLevelSchema = z.enum(HOSPITAL_LEVELS, '医疗机构等级应为一级、二级、三级或未定级');
export type HospitalLevel = z.infer<typeof HospitalLevelSchema>;
export const HOSPITAL_LEVEL_NAMES: Record<HospitalLevel, LocalizedText> = {
  level1: loc('一级', 'level 1'),
  level2: loc('二级', 'level 2'),
  level3: loc('三级', 'level 3'),
  unrated: loc('未定级', 'unrated'),
};

/** Resident contribution tier, as on an insurance record (`InsuranceRecord.tier`). */
export const RESIDENT_TIERS = ['tier1', 'tier2', 'minor'] as const;
export const ResidentTierSchema = z.enum(RESIDENT_TIERS, '缴费档次应为一档、二档或未成年人（学生）');
export type ResidentTier = z.infer<typeof ResidentTierSchema>;
export const RESIDENT_TIER_NAMES: Record<ResidentTier, LocalizedText> = {
  tier1: loc('一档', 'tier 1'),
  tier2: loc('二档', 'tier 2'),
  minor: loc('未成年人及学生', 'minors and students'),
};

/** Hardship groups whose resident contribution is paid for them (the enrollment form's `hardshipGroup`). */
export const HARDSHIP_GROUPS = ['tekun', 'dibao', 'tuopin', 'monitored'] as const;
// An older version's `lifted` (脱贫人口) is read as today's `tuopin` (shared/legacy-codes.ts).
export const HardshipGroupSchema = z.preprocess((v) => currentCodeName(v, HARDSHIP_GROUPS), z.enum(HARDSHIP_GROUPS, '不是可选的困难群体类别'));
export type HardshipGroup = z.infer<typeof HardshipGroupSchema>;
export const HARDSHIP_GROUP_NAMES: Record<HardshipGroup, LocalizedText> = {
  tekun: loc('特困人员', 'person in extreme poverty (tekun)'),
  dibao: loc('低保对象', 'minimum-living-allowance recipient (dibao)'),
  tuopin: loc('脱贫人口', 'person lifted out of poverty'),
  monitored: loc('防返贫监测对象', 'person monitored for relapse into poverty'),
};

/** Medical-assistance categories (the assistance forms' `assistanceCategory`). */
export const ASSISTANCE_CATEGORIES = ['tekun', 'dibao', 'monitored', 'tuopin', 'other'] as const;
export const AssistanceCategorySchema = z.preprocess((v) => currentCodeName(v, ASSISTANCE_CATEGORIES), z.enum(ASSISTANCE_CATEGORIES, '不是可选的救助对象类别'));
export type AssistanceCategory = z.infer<typeof AssistanceCategorySchema>;
export const ASSISTANCE_CATEGORY_NAMES: Record<AssistanceCategory, LocalizedText> = {
  ...HARDSHIP_GROUP_NAMES,
  other: loc('其他救助对象', 'other assistance recipient'),
};

/** Where the care happened (the claim forms' `outOfAreaType`). */
export const OUT_OF_AREA_TYPES = ['local', 'offsite_residence', 'offsite_referral', 'offsite_emergency', 'offsite_unfiled'] as const;
export const OutOfAreaTypeSchema = z.enum(OUT_OF_AREA_TYPES, '不是可选的就医地类型');
export type OutOfAreaType = z.infer<typeof OutOfAreaTypeSchema>;
export type OffsiteType = Exclude<OutOfAreaType, 'local'>;
export const OFFSITE_TYPES = ['offsite_residence', 'offsite_referral', 'offsite_emergency', 'offsite_unfiled'] as const satisfies readonly OffsiteType[];
export const OUT_OF_AREA_NAMES: Record<OutOfAreaType, LocalizedText> = {
  local: loc('本地就医', 'care in the insuring region'),
  offsite_residence: loc('异地居住备案就医', 'out of area, filed as living elsewhere'),
  offsite_referral: loc('异地转诊', 'out-of-area referral'),
  offsite_emergency: loc('异地急诊', 'out-of-area emergency'),
  offsite_unfiled: loc('未备案异地就医', 'out of area, not filed'),
};

/** Outpatient cost categories: general (普通门诊), hypertension/diabetes (两病), chronic/special (门诊慢特病). */
export const OUTPATIENT_CATEGORIES = ['general', 'two_diseases', 'chronic_special'] as const;
export const OutpatientCategorySchema = z.enum(OUTPATIENT_CATEGORIES, '门诊类别应为普通门诊、两病门诊或门诊慢特病');
export type OutpatientCategory = z.infer<typeof OutpatientCategorySchema>;
export const OUTPATIENT_CATEGORY_NAMES: Record<OutpatientCategory, LocalizedText> = {
  general: loc('普通门诊', 'general outpatient care'),
  two_diseases: loc('高血压糖尿病门诊（两病）', 'hypertension and diabetes outpatient care'),
  chronic_special: loc('门诊慢特病', 'chronic and special outpatient diseases'),
};

/**
 * What kind of care a layer (critical illness, medical assistance) covers. `pharmacy` is medicine bought at a
 * designated pharmacy on prescription (the assistance claim form's option).
 */
export const CARE_KINDS = ['inpatient', 'outpatient_general', 'outpatient_two_diseases', 'outpatient_chronic', 'pharmacy'] as const;
export const CareKindSchema = z.enum(CARE_KINDS);
export type CareKind = z.infer<typeof CareKindSchema>;

/** Long-term care modes (the LTC forms' care mode values): 专护 / 院护 / 家护. */
export const CARE_MODES = ['specialised', 'institutional', 'home'] as const;
export const CareModeSchema = z.enum(CARE_MODES, '护理方式应为专护、院护或家护');
export type CareMode = z.infer<typeof CareModeSchema>;
export const CARE_MODE_NAMES: Record<CareMode, LocalizedText> = {
  specialised: loc('专护（医疗机构）', 'specialised care (medical institution)'),
  institutional: loc('院护（养老护理机构）', 'institutional care (care home)'),
  home: loc('家护（居家上门）', 'home care'),
};

export const DELIVERY_TYPES = ['vaginal', 'caesarean'] as const;
export const DeliveryTypeSchema = z.enum(DELIVERY_TYPES, '分娩方式应为顺产或剖宫产');
export type DeliveryType = z.infer<typeof DeliveryTypeSchema>;
export const DELIVERY_TYPE_NAMES: Record<DeliveryType, LocalizedText> = {
  vaginal: loc('顺产', 'vaginal delivery'),
  caesarean: loc('剖宫产', 'caesarean section'),
};
