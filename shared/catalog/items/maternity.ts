import type { CatalogItemInput, FormField, Material } from '../types';
import {
  BANK_FIELDS,
  CREDENTIAL,
  DELIVERY_TYPE_OPTIONS,
  GUIDE_SOURCE,
  HOSPITAL_LEVEL_FIELD,
  HOSPITAL_NAME_FIELD,
  INSURANCE_TYPE_FIELD,
  INVOICES_FIELD,
  INVOICE_RULES,
  PROXY_MATERIALS,
  RECEIPTS,
  loc,
} from './common';

/** Maternity benefits (生育保险待遇): medical costs, the allowance and the one-off nutrition subsidy. */

const GROUP = loc('生育保险待遇', 'Maternity benefits');

/** Medical costs: 10 working days, up to 20 in special cases. */
const MEDICAL_TERMS = {
  family: 'reimbursement',
  group: GROUP,
  mode: 'time_limited',
  limitWorkingDays: 10,
  limitMaxWorkingDays: 20,
  rongque: null,
  lowestLevel: 'county',
  proxyAllowed: true,
  source: GUIDE_SOURCE,
} as const satisfies Partial<CatalogItemInput>;

/** Cash benefits: 10 working days. */
const CASH_TERMS = {
  family: 'reimbursement',
  group: GROUP,
  mode: 'time_limited',
  limitWorkingDays: 10,
  rongque: null,
  lowestLevel: 'county',
  proxyAllowed: true,
  source: GUIDE_SOURCE,
} as const satisfies Partial<CatalogItemInput>;

const COST_LIST: Material = {
  code: 'cost_list',
  name: loc('费用明细清单', 'Itemised cost list'),
  requirement: 'required',
  deferrable: false,
};

const DELIVERY_RECORDS: Material = {
  code: 'delivery_records',
  name: loc('住院分娩病历或出院记录', 'Delivery records or discharge record'),
  requirement: 'required',
  deferrable: false,
};

const DELIVERY_DATE_FIELD: FormField = {
  key: 'deliveryDate',
  type: 'date',
  label: loc('分娩日期', 'Date of delivery'),
  required: true,
  notAfterToday: true,
  notBeforeBirth: true,
};

const DELIVERY_TYPE_FIELD: FormField = {
  key: 'deliveryType',
  type: 'enum',
  label: loc('分娩方式', 'Mode of delivery'),
  required: true,
  options: [...DELIVERY_TYPE_OPTIONS],
};

const BABY_COUNT_FIELD: FormField = {
  key: 'babyCount',
  type: 'integer',
  label: loc('胎儿数', 'Number of babies'),
  required: true,
  min: 1,
  max: 9,
};

const prenatal: CatalogItemInput = {
  ...MEDICAL_TERMS,
  code: 'maternity_prenatal',
  name: loc('产前检查费支付', 'Payment of prenatal check costs'),
  keywords: ['cqjcfzf', 'chanqianjianchafeizhifu'],
  materials: [
    CREDENTIAL,
    RECEIPTS,
    COST_LIST,
    {
      code: 'prenatal_records',
      name: loc('产前检查记录（如母子健康手册）', 'Prenatal check records (e.g. the maternal and child health handbook)'),
      requirement: 'required',
      deferrable: false,
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    INSURANCE_TYPE_FIELD,
    HOSPITAL_NAME_FIELD,
    { key: 'lastCheckDate', type: 'date', label: loc('末次产检日期', 'Date of the last check'), required: true, notAfterToday: true, notBeforeBirth: true },
    ...BANK_FIELDS,
    INVOICES_FIELD,
  ],
  rules: [...INVOICE_RULES],
};

const delivery: CatalogItemInput = {
  ...MEDICAL_TERMS,
  code: 'maternity_delivery',
  name: loc('生育医疗费支付', 'Payment of delivery costs'),
  keywords: ['syylfzf', 'shengyuyiliaofeizhifu'],
  materials: [CREDENTIAL, RECEIPTS, COST_LIST, DELIVERY_RECORDS, ...PROXY_MATERIALS],
  fields: [
    INSURANCE_TYPE_FIELD,
    HOSPITAL_NAME_FIELD,
    HOSPITAL_LEVEL_FIELD,
    DELIVERY_DATE_FIELD,
    DELIVERY_TYPE_FIELD,
    BABY_COUNT_FIELD,
    ...BANK_FIELDS,
    INVOICES_FIELD,
  ],
  rules: [...INVOICE_RULES],
};

const familyPlanning: CatalogItemInput = {
  ...MEDICAL_TERMS,
  code: 'family_planning_medical',
  name: loc('计划生育医疗费支付', 'Payment of family-planning medical costs'),
  keywords: ['jhsyylfzf', 'jihuashengyuyiliaofeizhifu'],
  materials: [
    CREDENTIAL,
    RECEIPTS,
    COST_LIST,
    {
      code: 'operation_records',
      name: loc('手术记录或病历', 'Operation record or medical records'),
      requirement: 'required',
      deferrable: false,
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    INSURANCE_TYPE_FIELD,
    HOSPITAL_NAME_FIELD,
    {
      key: 'procedure',
      type: 'enum',
      label: loc('手术项目', 'Procedure'),
      required: true,
      options: [
        { value: 'iud_insertion', label: loc('放置宫内节育器', 'Insertion of an intrauterine device') },
        { value: 'iud_removal', label: loc('取出宫内节育器', 'Removal of an intrauterine device') },
        { value: 'abortion', label: loc('人工流产', 'Induced abortion') },
        { value: 'induced_labour', label: loc('中期引产', 'Mid-term induced labour') },
        { value: 'tubal_ligation', label: loc('输卵管结扎', 'Tubal ligation') },
        { value: 'vasectomy', label: loc('输精管结扎', 'Vasectomy') },
        { value: 'reversal', label: loc('输卵（精）管复通', 'Reversal of sterilisation') },
        { value: 'other', label: loc('其他', 'Other') },
      ],
    },
    { key: 'procedureDate', type: 'date', label: loc('手术日期', 'Date of the procedure'), required: true, notAfterToday: true, notBeforeBirth: true },
    ...BANK_FIELDS,
    INVOICES_FIELD,
  ],
  rules: [...INVOICE_RULES],
};

/** Employee insurance only; the allowance is computed from the employer's average wage. */
const allowance: CatalogItemInput = {
  ...CASH_TERMS,
  code: 'maternity_allowance',
  name: loc('生育津贴支付', 'Payment of the maternity allowance'),
  keywords: ['syjtzf', 'shengyujintiezhifu'],
  materials: [CREDENTIAL, DELIVERY_RECORDS, ...PROXY_MATERIALS],
  fields: [
    { key: 'employerCreditCode', type: 'creditCode', label: loc('用人单位统一社会信用代码', 'Employer’s unified social credit code'), required: true },
    DELIVERY_DATE_FIELD,
    DELIVERY_TYPE_FIELD,
    BABY_COUNT_FIELD,
    {
      key: 'difficultBirth',
      type: 'boolean',
      label: loc('难产', 'Difficult birth'),
      required: true,
      help: loc('难产的增加15天生育津贴', 'A difficult birth adds 15 days of allowance'),
    },
    ...BANK_FIELDS,
  ],
};

const nutritionSubsidy: CatalogItemInput = {
  ...CASH_TERMS,
  code: 'maternity_nutrition_subsidy',
  name: loc('一次性营养补助', 'One-off nutrition subsidy'),
  keywords: ['ycxyybz', 'yicixingyingyangbuzhu'],
  materials: [CREDENTIAL, ...PROXY_MATERIALS],
  fields: [
    INSURANCE_TYPE_FIELD,
    DELIVERY_DATE_FIELD,
    BABY_COUNT_FIELD,
    ...BANK_FIELDS,
  ],
  source: `${GUIDE_SOURCE}；适用人员和标准按当地规定`,
};

export const MATERNITY_ITEMS: readonly CatalogItemInput[] = [prenatal, delivery, familyPlanning, allowance, nutritionSubsidy];
