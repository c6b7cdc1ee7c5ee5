import type { PolicyTableOf } from '../schema';
import { SAMPLE_COMMON, SEED, assumed, seed } from './sample';

/** Default maternity and long-term-care tables of the sample region. */

const maternity: PolicyTableOf<'maternity'> = {
  ...SAMPLE_COMMON,
  kind: 'maternity',
  version: 'SAMPLE-2020',
  effectiveFrom: '2020-01-01',
  effectiveTo: null,
  source: SEED.countyQa2020,
  body: {
    prenatalFen: { employee: 80_000, resident: null },
    deliveryFen: { employee: { vaginal: 280_000, caesarean: 380_000 }, resident: { vaginal: 280_000, caesarean: 280_000 } },
    medicalMinContributionMonths: { employee: 3, resident: null },
    allowance: { schemes: ['employee'], minContributionMonths: 12, baseDays: 98, difficultBirthDays: 15, perExtraBabyDays: 15 },
  },
  provenance: [
    seed('prenatalFen.employee', '统一执行800元每人的孕检待遇标准'),
    assumed('prenatalFen.resident', '种子文件的孕检定额只针对参保职工；居民产前检查按门诊报销，不设定额（假定）'),
    seed('deliveryFen.employee', '职工生育医疗费用待遇标准顺产2800元，剖宫产3800元'),
    seed('deliveryFen.resident', '居民生育待遇标准为2800元（不分分娩方式）'),
    seed('medicalMinContributionMonths.employee', '已连续足额缴费满3个月'),
    assumed('medicalMinContributionMonths.resident', '种子文件的缴费时长条件针对职工；居民不另设（假定）'),
    seed('allowance.schemes', '参保职工享受生育津贴'),
    seed('allowance.minContributionMonths', '已连续足额缴费满1年'),
    seed('allowance.baseDays', '符合规定生育的享受98天生育津贴'),
    seed('allowance.difficultBirthDays', '难产的增加15天'),
    seed('allowance.perExtraBabyDays', '多胞胎生育的，每多生育一个婴儿增加15天'),
  ],
};

const ltcAssessment: PolicyTableOf<'ltc_assessment'> = {
  ...SAMPLE_COMMON,
  kind: 'ltc_assessment',
  version: 'SAMPLE-2022',
  effectiveFrom: '2022-01-01',
  effectiveTo: null,
  source: SEED.ltcStandard2021,
  body: {
    thresholds: {
      adl: { intact: 100, mild: 65, moderate: 45 },
      cognition: { intact: 16, mild: 12, moderate: 4 },
      perception: { intact: 12, mild: 8, moderate: 4 },
    },
    matrix: [
      [0, 0, 1, 1],
      [1, 1, 1, 2],
      [2, 2, 2, 3],
      [3, 3, 4, 5],
    ],
    reassessment: { validityMonths: 24, nearThresholdMonths: 6, nearThreshold: { adl: 5, cognition: 1, perception: 1 } },
  },
  provenance: [
    seed('thresholds.adl', '日常生活活动能力：100 能力完好；65–95 轻度受损；45–60 中度受损；≤40 重度受损（国家标准的参考值）'),
    seed('thresholds.cognition', '认知能力：16 完好；12–15 轻度；4–11 中度；≤3 重度（国家标准的参考值）'),
    seed('thresholds.perception', '感知觉与沟通能力：12 完好；8–11 轻度；4–7 中度；≤3 重度（国家标准的参考值）'),
    seed('matrix', '组合矩阵 0 0 1 1 · 1 1 1 2 · 2 2 2 3 · 3 3 4 5（国家标准的参考值）'),
    assumed('reassessment.validityMonths', '评估结论有效期2年（种子文件只说定期复评，未给期限）'),
    assumed('reassessment.nearThresholdMonths', '处于等级临界的，6个月后复评'),
    assumed('reassessment.nearThreshold', '“临界”：某一维度得分好转一个最小计分单位（日常生活活动5分，认知、感知觉与沟通1分）即会降低等级；病情加重的由本人申请复评'),
  ],
};

const ltcBenefit: PolicyTableOf<'ltc_benefit'> = {
  ...SAMPLE_COMMON,
  kind: 'ltc_benefit',
  version: 'SAMPLE-2022',
  effectiveFrom: '2022-01-01',
  effectiveTo: null,
  source: `${SEED.weihaiPrimary2023}（只列出专护、院护、家护三种方式，未给标准）；标准全部为假定`,
  body: {
    standards: [
      { level: 3, mode: 'institutional', fundRatioBp: 7_000, dailyCapFen: 5_000 },
      { level: 3, mode: 'home', fundRatioBp: 7_500, dailyCapFen: 4_000 },
      { level: 4, mode: 'specialised', fundRatioBp: 7_000, dailyCapFen: 18_000 },
      { level: 4, mode: 'institutional', fundRatioBp: 7_000, dailyCapFen: 6_000 },
      { level: 4, mode: 'home', fundRatioBp: 7_500, dailyCapFen: 5_000 },
      { level: 5, mode: 'specialised', fundRatioBp: 7_000, dailyCapFen: 20_000 },
      { level: 5, mode: 'institutional', fundRatioBp: 7_000, dailyCapFen: 7_000 },
      { level: 5, mode: 'home', fundRatioBp: 7_500, dailyCapFen: 6_000 },
    ],
  },
  provenance: [
    assumed(
      'standards',
      '示例地区只保障重度失能（3–5级）；基金支付比例约70%（家护75%以鼓励居家）；专护仅限4–5级；日限额专护180/200元、院护50/60/70元、家护40/50/60元，均为假定',
    ),
  ],
};

export const DEFAULT_BENEFIT_TABLES = [maternity, ltcAssessment, ltcBenefit] as const;
