import type { Schedule } from '../claims-schema';
import type { PolicyTableOf } from '../schema';
import { SAMPLE_COMMON, SEED, assumed, seed } from './sample';

/** Default basic-insurance, out-of-area, critical-illness and assistance tables of the sample region. */

function levels<T>(level1: T, level2: T, level3: T, unrated: T = level1) {
  return { level1, level2, level3, unrated };
}

// ---------------------------------------------------------------------------------------------
// Inpatient: resident primary-level (一级/基层) ratio 80% → 85% on 2023-05-01.

const EMPLOYEE_INPATIENT: Schedule = {
  deductibleBasis: 'per_admission',
  deductibleFen: levels(20_000, 50_000, 80_000),
  ratioBp: levels(9_200, 9_000, 8_700),
  annualCapFen: 50_000_000,
};

const RESIDENT_INPATIENT_2020: Schedule = {
  deductibleBasis: 'per_admission',
  deductibleFen: levels(20_000, 50_000, 100_000),
  ratioBp: levels(8_000, 7_000, 6_000),
  annualCapFen: 20_000_000,
  annualCapByTierFen: { tier1: 20_000_000, tier2: 30_000_000, minor: 20_000_000 },
};

const INPATIENT_PROVENANCE_COMMON = [
  assumed('employee.deductibleFen', '种子文件未给出起付线：一级200元、二级500元、三级800元（未定级按一级）'),
  assumed('employee.ratioBp', `${SEED.weihaiPlan2021}：职工医保实际报销比例86.96%（约87%）；三级取87%，一级92%、二级90%为假定`),
  seed('employee.annualCapFen', `${SEED.weihaiPlan2021}：职工医保住院医疗费用最高报销限额50万元`),
  assumed('resident.deductibleFen', '种子文件未给出起付线：一级200元、二级500元、三级1000元（未定级按一级）'),
  seed('resident.annualCapFen', `${SEED.weihaiPlan2021}：居民医保最高支付限额一档20万元`),
  seed('resident.annualCapByTierFen.tier1', `${SEED.weihaiPlan2021}：一档缴费20万元`),
  seed('resident.annualCapByTierFen.tier2', `${SEED.weihaiPlan2021}：二档缴费30万元`),
  assumed('resident.annualCapByTierFen.minor', '未成年人及学生的限额按一档（假定）'),
];

const inpatient2020: PolicyTableOf<'inpatient'> = {
  ...SAMPLE_COMMON,
  kind: 'inpatient',
  version: 'SAMPLE-2020',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2023-05-01',
  source: `${SEED.weihaiPlan2021}；${SEED.jingzhouPlan2022}；其余为假定`,
  body: { employee: EMPLOYEE_INPATIENT, resident: RESIDENT_INPATIENT_2020 },
  provenance: [
    ...INPATIENT_PROVENANCE_COMMON,
    assumed('resident.ratioBp', `一级（基层）80%为2023年5月1日提高到85%之前的假定值；二级70%参照${SEED.jingzhouPlan2022}居民住院政策范围内报销比例“70%左右”；三级60%为假定`),
  ],
};

const inpatient2023: PolicyTableOf<'inpatient'> = {
  ...inpatient2020,
  version: 'SAMPLE-2023.05',
  effectiveFrom: '2023-05-01',
  effectiveTo: null,
  source: `${SEED.weihaiPrimary2023}；${SEED.weihaiPlan2021}；其余为假定`,
  body: { employee: EMPLOYEE_INPATIENT, resident: { ...RESIDENT_INPATIENT_2020, ratioBp: levels(8_500, 7_000, 6_000) } },
  provenance: [
    ...INPATIENT_PROVENANCE_COMMON,
    seed('resident.ratioBp.level1', `${SEED.weihaiPrimary2023}：基层医疗卫生机构住院政策范围内居民医保报销比例2023年5月1日起提高到85%`),
    assumed('resident.ratioBp.unrated', '未定级机构（多为基层）按一级'),
    assumed('resident.ratioBp.level2', '二级70%（参照荆州“居民住院70%左右”）'),
    assumed('resident.ratioBp.level3', '三级60%（假定）'),
  ],
};

// ---------------------------------------------------------------------------------------------
// Outpatient: resident 两病 and 门诊慢特病 at primary level raised on 2023-05-01.

const EMPLOYEE_GENERAL: Schedule = {
  deductibleBasis: 'per_year',
  deductibleFen: levels(100_000, 100_000, 100_000),
  ratioBp: levels(6_000, 5_500, 5_000),
  annualCapFen: 300_000,
};

const EMPLOYEE_CHRONIC: Schedule = {
  deductibleBasis: 'per_year',
  deductibleFen: levels(60_000, 60_000, 60_000),
  ratioBp: levels(7_500, 7_500, 7_500),
  annualCapFen: 10_000_000,
};

function residentOutpatient(general: number, twoDiseases: number, chronic: number) {
  return {
    general: {
      deductibleBasis: 'per_year',
      deductibleFen: levels(0, 0, 0),
      ratioBp: levels(general, 4_000, 3_000),
      annualCapFen: 40_000,
    },
    two_diseases: {
      deductibleBasis: 'per_year',
      deductibleFen: levels(0, 0, 0),
      ratioBp: levels(twoDiseases, 5_000, 5_000),
      annualCapFen: 60_000,
    },
    chronic_special: {
      deductibleBasis: 'per_year',
      deductibleFen: levels(60_000, 60_000, 60_000),
      ratioBp: levels(chronic, 6_500, 6_500),
      annualCapFen: 5_000_000,
    },
  } satisfies Record<string, Schedule>;
}

const OUTPATIENT_PROVENANCE_COMMON = [
  assumed('general.employee', `${SEED.jingzhouPlan2022}：职工普通门诊共济保障设起付标准、支付比例和年度限额，未给数值；起付线1000元/年、60%/55%/50%、限额3000元为假定`),
  assumed('two_diseases.employee', '两病门诊用药保障为居民医保政策，职工无此类别'),
  assumed('chronic_special.employee', `${SEED.weihaiReform2021}：特定门诊慢性病支付比例不低于65%；职工75%、起付线600元/年、限额10万元为假定`),
  assumed('general.resident.deductibleFen', '居民普通门诊不设起付线（假定）'),
  assumed('general.resident.ratioBp.level2', '二级40%（假定）'),
  assumed('general.resident.ratioBp.level3', '三级30%（假定）'),
  assumed('general.resident.annualCapFen', '居民普通门诊年度限额400元（假定）'),
  assumed('two_diseases.resident.deductibleFen', '两病门诊不设起付线（假定）'),
  assumed('two_diseases.resident.ratioBp.level2', '二级、三级50%（假定）'),
  assumed('two_diseases.resident.ratioBp.level3', '二级、三级50%（假定）'),
  assumed('two_diseases.resident.annualCapFen', '两病年度限额600元（假定）'),
  assumed('chronic_special.resident.deductibleFen', '门诊慢特病起付线600元/年（假定）'),
  seed('chronic_special.resident.ratioBp.level2', `${SEED.weihaiReform2021}：特定门诊慢性病支付比例不低于65%`),
  seed('chronic_special.resident.ratioBp.level3', `${SEED.weihaiReform2021}：特定门诊慢性病支付比例不低于65%`),
  assumed('chronic_special.resident.annualCapFen', '门诊慢特病年度限额5万元（假定）'),
];

const outpatient2020: PolicyTableOf<'outpatient'> = {
  ...SAMPLE_COMMON,
  kind: 'outpatient',
  version: 'SAMPLE-2020',
  effectiveFrom: '2020-01-01',
  effectiveTo: '2023-05-01',
  source: `${SEED.weihaiReform2021}；${SEED.jingzhouPlan2022}；其余为假定`,
  body: (() => {
    const r = residentOutpatient(5_000, 6_000, 8_000);
    return {
      general: { employee: EMPLOYEE_GENERAL, resident: r.general },
      two_diseases: { employee: null, resident: r.two_diseases },
      chronic_special: { employee: EMPLOYEE_CHRONIC, resident: r.chronic_special },
    };
  })(),
  provenance: [
    ...OUTPATIENT_PROVENANCE_COMMON,
    assumed('general.resident.ratioBp.level1', '2023年5月前基层普通门诊50%（假定）'),
    assumed('general.resident.ratioBp.unrated', '未定级按一级'),
    assumed('two_diseases.resident.ratioBp.level1', '2023年5月前两病60%（假定，之后提高到70%）'),
    assumed('two_diseases.resident.ratioBp.unrated', '未定级按一级'),
    assumed('chronic_special.resident.ratioBp.level1', '2023年5月前基层门诊慢特病80%（假定，之后提高到85%）'),
    assumed('chronic_special.resident.ratioBp.unrated', '未定级按一级'),
  ],
};

const outpatient2023: PolicyTableOf<'outpatient'> = {
  ...outpatient2020,
  version: 'SAMPLE-2023.05',
  effectiveFrom: '2023-05-01',
  effectiveTo: null,
  source: `${SEED.weihaiPrimary2023}；${SEED.weihaiReform2021}；其余为假定`,
  body: (() => {
    const r = residentOutpatient(6_000, 7_000, 8_500);
    return {
      general: { employee: EMPLOYEE_GENERAL, resident: r.general },
      two_diseases: { employee: null, resident: r.two_diseases },
      chronic_special: { employee: EMPLOYEE_CHRONIC, resident: r.chronic_special },
    };
  })(),
  provenance: [
    ...OUTPATIENT_PROVENANCE_COMMON,
    seed('general.resident.ratioBp.level1', `${SEED.weihaiPrimary2023}：到2025年基层城乡居民普通门诊政策范围内报销比例达到60%左右（2023年5月起取60%为假定）`),
    assumed('general.resident.ratioBp.unrated', '未定级按一级'),
    seed('two_diseases.resident.ratioBp.level1', `${SEED.weihaiPrimary2023}：基层规范化管理的高血压、糖尿病患者报销比例提高到70%`),
    assumed('two_diseases.resident.ratioBp.unrated', '未定级按一级'),
    seed('chronic_special.resident.ratioBp.level1', `${SEED.weihaiPrimary2023}：基层住院（含居民特定门诊慢特病）居民医保报销比例2023年5月1日起提高到85%`),
    assumed('chronic_special.resident.ratioBp.unrated', '未定级按一级'),
  ],
};

// ---------------------------------------------------------------------------------------------
// Out-of-area care, admissions from 2020-08-01.

const outOfArea: PolicyTableOf<'out_of_area'> = {
  ...SAMPLE_COMMON,
  kind: 'out_of_area',
  version: 'SAMPLE-2020.08',
  effectiveFrom: '2020-08-01',
  effectiveTo: null,
  source: SEED.countyQa2020,
  body: {
    rules: {
      offsite_residence: { personFirstBp: 0, asLevel: null, firstBorneCounted: true, assistanceEligible: true },
      offsite_referral: { personFirstBp: 1_000, asLevel: null, firstBorneCounted: true, assistanceEligible: true },
      offsite_emergency: { personFirstBp: 1_000, asLevel: null, firstBorneCounted: true, assistanceEligible: true },
      offsite_unfiled: { personFirstBp: 3_000, asLevel: 'level3', firstBorneCounted: false, assistanceEligible: false },
    },
    emergencyFilingWorkingDays: 3,
  },
  provenance: [
    seed('rules.offsite_residence.personFirstBp', '异地居住备案后，根据参保类型按规定报销（不先行自付）'),
    seed('rules.offsite_residence.asLevel', '按就医机构等级和参保类型报销'),
    seed('rules.offsite_referral.personFirstBp', '异地转诊：个人首先负担10%，剩余部分根据参保类型报销'),
    seed('rules.offsite_referral.asLevel', '剩余部分根据参保类型按规定报销'),
    seed('rules.offsite_emergency.personFirstBp', '异地急诊：个人首先负担10%，剩余部分根据参保类型报销'),
    seed('rules.offsite_emergency.asLevel', '剩余部分根据参保类型按规定报销'),
    seed('rules.offsite_unfiled.personFirstBp', '未按规定备案：个人首先负担30%'),
    seed('rules.offsite_unfiled.asLevel', '剩余部分按本市三级定点医疗机构的政策报销'),
    assumed('rules.offsite_residence.firstBorneCounted', '无先行自付，不适用'),
    assumed('rules.offsite_referral.firstBorneCounted', '按规定转诊、急诊的先行自付部分计入政策范围内个人自付（大病保险、医疗救助）'),
    assumed('rules.offsite_emergency.firstBorneCounted', '按规定备案的急诊，先行自付部分计入政策范围内个人自付（大病保险、医疗救助）'),
    assumed('rules.offsite_unfiled.firstBorneCounted', '未备案的先行自付30%由个人承担，不计入大病保险和医疗救助'),
    assumed('rules.offsite_residence.assistanceEligible', '备案就医的可享受医疗救助'),
    assumed('rules.offsite_referral.assistanceEligible', '按规定转诊的救助对象执行参保地救助标准'),
    assumed('rules.offsite_emergency.assistanceEligible', '按规定备案的异地急诊，救助对象执行参保地救助标准'),
    assumed('rules.offsite_unfiled.assistanceEligible', '未按规定转诊的救助对象所发生费用原则上不纳入医疗救助范围（国家医疗救助政策的做法，假定）'),
    seed('emergencyFilingWorkingDays', '自住院之日起3个工作日内报医保经办机构备案'),
  ],
};

// ---------------------------------------------------------------------------------------------
// Critical-illness insurance (大病保险): the seeds name it but give no figures.

const criticalIllness: PolicyTableOf<'critical_illness'> = {
  ...SAMPLE_COMMON,
  kind: 'critical_illness',
  version: 'SAMPLE-2020',
  effectiveFrom: '2020-01-01',
  effectiveTo: null,
  source: '种子文件只提到城乡居民大病保险，未给出数值；全部为假定（参照国家大病保险政策的常见做法）',
  body: {
    schemes: ['resident'],
    careKinds: ['inpatient', 'outpatient_chronic'],
    deductibleFen: 1_500_000,
    bands: [
      { uptoFen: 10_000_000, ratioBp: 6_000 },
      { uptoFen: null, ratioBp: 7_000 },
    ],
    annualCapFen: 40_000_000,
    favoured: { groups: ['tekun', 'dibao', 'monitored'], deductibleShareBp: 5_000, ratioBonusBp: 500, noCap: true },
  },
  provenance: [
    assumed('schemes', '城乡居民大病保险（职工大额医疗费用补助另行规定，不在此表）'),
    assumed('careKinds', '住院和门诊慢特病'),
    assumed('deductibleFen', '年度起付线1.5万元（约为居民上年人均可支配收入的50%）'),
    assumed('bands', '起付线以上10万元以内60%，10万元以上70%'),
    assumed('annualCapFen', '年度最高支付40万元'),
    assumed('favoured', '特困、低保、返贫致贫人口：起付线降低50%、支付比例提高5个百分点、取消封顶线（国家倾斜支付政策的做法）'),
  ],
};

// ---------------------------------------------------------------------------------------------
// Medical assistance (医疗救助): the seed county's figures.

const DIBAO_BANDS = [
  { uptoFen: 2_000_000, ratioBp: 7_000 },
  { uptoFen: null, ratioBp: 8_000 },
];
const OTHER_BANDS = [
  { uptoFen: 2_000_000, ratioBp: 5_000 },
  { uptoFen: null, ratioBp: 6_000 },
];

const medicalAssistance: PolicyTableOf<'medical_assistance'> = {
  ...SAMPLE_COMMON,
  kind: 'medical_assistance',
  version: 'SAMPLE-2020',
  effectiveFrom: '2020-01-01',
  effectiveTo: null,
  source: SEED.countyQa2020,
  body: {
    careKinds: ['inpatient', 'outpatient_chronic', 'outpatient_two_diseases', 'pharmacy'],
    bandBasis: 'per_claim',
    deductibleFen: 0,
    bands: { tekun: DIBAO_BANDS, dibao: DIBAO_BANDS, monitored: OTHER_BANDS, tuopin: OTHER_BANDS, other: OTHER_BANDS },
    annualCapFen: 5_000_000,
  },
  provenance: [
    seed('careKinds', '住院和门诊慢性病（两病属门诊慢性病）的个人自付；定点药店凭处方购药计入为假定'),
    assumed('bandBasis', '“个人自付2万元（含）以内”理解为每次（每张结算单）的自付额'),
    seed('deductibleFen', '报销目录范围内的个人自负医疗费用，不设起付线'),
    seed('bands.tekun', '低保、特困供养对象：2万元（含）以内70%，超过2万元的部分80%'),
    seed('bands.dibao', '低保、特困供养对象：2万元（含）以内70%，超过2万元的部分80%'),
    seed('bands.monitored', '低保、特困以外的相对贫困人口：2万元（含）以内50%，超过部分60%'),
    seed('bands.tuopin', '低保、特困以外的相对贫困人口（脱贫人口）：2万元（含）以内50%，超过部分60%'),
    assumed('bands.other', '其他救助对象按相对贫困人口的比例（假定）'),
    seed('annualCapFen', '年度累计限额5万元'),
  ],
};

export const DEFAULT_CLAIM_TABLES = [inpatient2020, inpatient2023, outpatient2020, outpatient2023, outOfArea, criticalIllness, medicalAssistance] as const;
