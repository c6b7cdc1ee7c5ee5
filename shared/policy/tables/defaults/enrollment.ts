import type { HardshipSubsidy } from '../enrollment-schema';
import type { PolicyTableOf } from '../schema';
import { SAMPLE_COMMON, SEED, assumed, seed } from './sample';

/** Default resident contribution and waiting-period tables of the sample region. */

const RESCUE_FUND = { 'zh-CN': '医疗救助资金', en: 'the medical assistance fund' };

const FULL: HardshipSubsidy = { mode: 'share', shareBp: 10_000, payer: RESCUE_FUND };

/** Seed figures of 2020/2021: tier 1 450 yuan, tier 2 650, minors and students 200 (the same in both years). */
const SEED_AMOUNTS = { tier1: 45_000, tier2: 65_000, minor: 20_000, student: 20_000 };

/**
 * From 2023 every resident pays at least the national minimum (DOMAIN.md): 380 yuan in 2023, 400 in 2024 and 2025 —
 * minors and students included; the seed tiers (450, 650) are above it.
 */
const AMOUNTS_2023 = { tier1: 45_000, tier2: 65_000, minor: 38_000, student: 38_000 };
const AMOUNTS_2024 = { tier1: 45_000, tier2: 65_000, minor: 40_000, student: 40_000 };

/** How residents pay, as a town window tells them (the region's own channels replace these). */
const PAYMENT_CHANNELS = [
  { code: 'tax_app', name: { 'zh-CN': '税务部门App或小程序（如“江苏税务”“个人所得税”）', en: 'The tax bureau’s app or mini-program' }, how: { 'zh-CN': '选择“城乡居民医保缴费”，输入证件号码缴费', en: 'Choose resident medical insurance, enter the ID number and pay' } },
  { code: 'wechat_alipay', name: { 'zh-CN': '微信或支付宝“医保缴费”', en: 'WeChat Pay or Alipay (medical insurance payment)' } },
  { code: 'bank', name: { 'zh-CN': '合作银行柜台、网银或手机银行', en: 'A partner bank: counter, online or mobile banking' } },
  { code: 'village', name: { 'zh-CN': '村（社区）代收点', en: 'The village (community) collection point' } },
];

/** 1 January – 30 April of the coverage year (seed county, 2021). */
const JAN_TO_APRIL = { from: { yearOffset: 0, month: 1, day: 1 }, to: { yearOffset: 0, month: 4, day: 30 } };

const SEED_HARDSHIP_PROVENANCE = [
  seed('hardshipTier', `${SEED.countyQa2020}：困难人员全部按一档缴费标准（450元）兜底参保`),
  seed('hardshipSubsidies.tekun.shareBp', `${SEED.countyQa2020}：困难人员兜底参保，不需个人缴费`),
  seed('hardshipSubsidies.dibao.shareBp', `${SEED.countyQa2020}：困难人员兜底参保，不需个人缴费`),
  assumed('hardshipSubsidies.tuopin.shareBp', `${SEED.countyQa2020}：相对贫困人口全部按一档缴费标准给予补贴；相对贫困人口对应脱贫人口、防返贫监测对象为假定`),
  assumed('hardshipSubsidies.monitored.shareBp', '相对贫困人口按一档全额补贴；防返贫监测对象属于相对贫困人口为假定'),
  assumed('paymentChannels', '常见的居民医保缴费渠道（示例），以当地税务、医保部门公布的为准'),
];

const contribution2020: PolicyTableOf<'contribution'> = {
  ...SAMPLE_COMMON,
  kind: 'contribution',
  version: 'SAMPLE-2020',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2021-01-01',
  source: SEED.countyQa2020,
  body: {
    amountsFen: SEED_AMOUNTS,
    governmentSubsidyFen: 55_000,
    collectionPeriod: JAN_TO_APRIL,
    hardshipTier: 'tier1',
    hardshipSubsidies: { tekun: FULL, dibao: FULL, tuopin: FULL, monitored: FULL },
    paymentChannels: PAYMENT_CHANNELS,
  },
  provenance: [
    seed('amountsFen', '2021年缴费标准“与今年（2020年）相同”：一档450元、二档650元、未成年居民及高校学生200元'),
    seed('governmentSubsidyFen', '财政补贴2020年每人550元'),
    assumed('collectionPeriod', '种子文件只给出2021年的缴费期（1月1日至4月30日），2020年沿用为假定'),
    ...SEED_HARDSHIP_PROVENANCE,
  ],
};

const contribution2021: PolicyTableOf<'contribution'> = {
  ...contribution2020,
  version: 'SAMPLE-2021',
  effectiveFrom: '2021-01-01',
  effectiveTo: '2023-01-01',
  body: { ...contribution2020.body, governmentSubsidyFen: 58_000 },
  provenance: [
    seed('amountsFen', '2021年：一档450元、二档650元、未成年居民及高校学生200元；2022–2024年沿用为假定'),
    seed('governmentSubsidyFen', '财政补贴2021年增加30元，达到每人580元'),
    seed('collectionPeriod', '缴费时间为2021年1月1日至4月30日'),
    ...SEED_HARDSHIP_PROVENANCE,
  ],
};

/** 2023: the national minimum individual contribution of 380 yuan reaches minors and students. */
const contribution2023: PolicyTableOf<'contribution'> = {
  ...contribution2021,
  version: 'SAMPLE-2023',
  effectiveFrom: '2023-01-01',
  effectiveTo: '2024-01-01',
  body: { ...contribution2021.body, amountsFen: AMOUNTS_2023, governmentSubsidyFen: 64_000 },
  provenance: [
    assumed('amountsFen', '一档450元、二档650元沿用；未成年居民及学生提高到国家2023年最低个人缴费380元（国家规定）'),
    assumed('governmentSubsidyFen', '财政补助每人640元（2023年国家标准，假定）'),
    assumed('collectionPeriod', '沿用1月1日至4月30日'),
    ...SEED_HARDSHIP_PROVENANCE,
  ],
};

/** 2024: at least 400 yuan per person, the subsidy at least 670 (DOMAIN.md). */
const contribution2024: PolicyTableOf<'contribution'> = {
  ...contribution2021,
  version: 'SAMPLE-2024',
  effectiveFrom: '2024-01-01',
  effectiveTo: '2025-01-01',
  body: { ...contribution2021.body, amountsFen: AMOUNTS_2024, governmentSubsidyFen: 67_000 },
  provenance: [
    assumed('amountsFen', '一档450元、二档650元沿用；未成年居民及学生提高到国家2024年最低个人缴费400元（国家规定）'),
    seed('governmentSubsidyFen', '国家2024年财政补助不低于每人670元（国家规定）'),
    assumed('collectionPeriod', '沿用1月1日至4月30日'),
    ...SEED_HARDSHIP_PROVENANCE,
  ],
};

const contribution2025: PolicyTableOf<'contribution'> = {
  ...SAMPLE_COMMON,
  kind: 'contribution',
  version: 'SAMPLE-2025',
  effectiveFrom: '2025-01-01',
  effectiveTo: null,
  source: `${SEED.countyQa2020}；${SEED.national2024}；其余为假定`,
  body: {
    amountsFen: AMOUNTS_2024,
    governmentSubsidyFen: 70_000,
    collectionPeriod: { from: { yearOffset: -1, month: 9, day: 1 }, to: { yearOffset: -1, month: 12, day: 31 } },
    hardshipTier: 'tier1',
    // Hardship groups, 脱贫/相对贫困 included, are enrolled with their contribution paid for them (资助参保, DOMAIN.md).
    hardshipSubsidies: { tekun: FULL, dibao: FULL, tuopin: FULL, monitored: FULL },
    paymentChannels: PAYMENT_CHANNELS,
  },
  provenance: [
    assumed('amountsFen', '一档450元、二档650元沿用；未成年居民及学生按国家2025年最低个人缴费400元（国家规定）'),
    seed('governmentSubsidyFen', '国家2025年财政补助不低于每人700元（国家规定）'),
    assumed('collectionPeriod', '集中参保期改为上一年9月1日至12月31日（多地的做法）'),
    assumed('hardshipTier', '困难群体按一档参保（沿用种子文件）'),
    assumed('hardshipSubsidies.tekun.shareBp', '特困人员全额资助'),
    assumed('hardshipSubsidies.dibao.shareBp', '低保对象全额资助'),
    seed('hardshipSubsidies.tuopin.shareBp', '脱贫人口（相对贫困）按一档参保、个人缴费由资助资金全额代缴（资助参保）'),
    assumed('hardshipSubsidies.monitored.shareBp', '防返贫监测对象属于相对贫困人口，全额资助为假定'),
    assumed('paymentChannels', '常见的居民医保缴费渠道（示例），以当地税务、医保部门公布的为准'),
  ],
};

const waiting2020: PolicyTableOf<'waiting_period'> = {
  ...SAMPLE_COMMON,
  kind: 'waiting_period',
  version: 'SAMPLE-2020',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2025-01-01',
  source: SEED.countyQa2020,
  body: {
    triggers: 'late',
    fixedMonths: 3,
    variable: null,
    maxTotalMonths: null,
    exemptions: { newbornWithinDays: 90, employeeTransferWithinMonths: null, hardshipGroups: ['tekun', 'dibao', 'tuopin', 'monitored'] },
  },
  provenance: [
    seed('triggers', '未在集中缴费期内缴费的参保人，需缴费满3个月后方可享受待遇'),
    seed('fixedMonths', '缴费满3个月后方可享受居民基本医疗保险待遇'),
    seed('variable', '2025年以前没有变动等待期'),
    assumed('maxTotalMonths', '种子文件未规定上限'),
    assumed('exemptions.newbornWithinDays', '新生儿出生90天内参保的自出生之日起享受待遇（多地做法，假定）'),
    assumed('exemptions.employeeTransferWithinMonths', '种子文件未规定职工医保转居民医保的免等待期'),
    seed('exemptions.hardshipGroups', '相对贫困人口超过集中缴费期参保的，年度内不设等待期；特困、低保兜底参保，同样不设等待期为假定'),
  ],
};

const waiting2025: PolicyTableOf<'waiting_period'> = {
  ...SAMPLE_COMMON,
  kind: 'waiting_period',
  version: 'SAMPLE-2025',
  effectiveFrom: '2025-01-01',
  effectiveTo: null,
  source: SEED.national2024,
  body: {
    triggers: 'late_or_gap',
    fixedMonths: 3,
    variable: { monthsPerGapYear: 1, gapYearsWithoutVariable: 1, monthsRemovedPerBackPaidYear: 1, maxBackPaidYears: null },
    maxTotalMonths: null,
    exemptions: { newbornWithinDays: 90, employeeTransferWithinMonths: 3, hardshipGroups: ['tekun', 'dibao', 'tuopin', 'monitored'] },
  },
  provenance: [
    seed('triggers', '自2025年起，未在集中参保期内参保或未连续参保的，设固定待遇等待期'),
    seed('fixedMonths', '固定待遇等待期3个月'),
    seed('variable.monthsPerGapYear', '每多断保1年，增加变动待遇等待期1个月'),
    assumed('variable.gapYearsWithoutVariable', '“每多断保1年”理解为断保第1年由固定等待期涵盖，自第2年起每年加1个月（假定的理解，可由政策表改为0）'),
    seed('variable.monthsRemovedPerBackPaidYear', '每补缴1年减少1个月变动待遇等待期'),
    assumed('variable.maxBackPaidYears', '最高补缴年限由各省确定，示例地区未设'),
    assumed('maxTotalMonths', '示例地区未设等待期上限'),
    assumed('exemptions.newbornWithinDays', '新生儿出生90天内参保的自出生之日起享受待遇（假定）'),
    seed('exemptions.employeeTransferWithinMonths', '职工医保参保人员中断后3个月内转为参加居民医保的不设等待期（国家规定）'),
    assumed('exemptions.hardshipGroups', '低收入人口等困难群体免等待期；具体对应的类别为假定'),
  ],
};

export const DEFAULT_ENROLLMENT_TABLES = [contribution2020, contribution2021, contribution2023, contribution2024, contribution2025, waiting2020, waiting2025] as const;
