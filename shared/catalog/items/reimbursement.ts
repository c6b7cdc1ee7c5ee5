import type { CatalogItemInput, FormField, Material } from '../types';
import {
  BANK_FIELDS,
  CREDENTIAL,
  GUIDE_SOURCE,
  HOSPITAL_LEVEL_FIELD,
  HOSPITAL_NAME_FIELD,
  INSURANCE_TYPE_FIELD,
  INVOICES_FIELD,
  INVOICE_RULES,
  OUT_OF_AREA_OPTIONS,
  PROXY_MATERIALS,
  RECEIPTS,
  loc,
} from './common';

/** Chronic/special outpatient disease certification and manual (零星) claims. */

const CHRONIC_DISEASE_OPTIONS = [
  { value: 'hypertension', label: loc('高血压', 'Hypertension') },
  { value: 'diabetes', label: loc('糖尿病', 'Diabetes') },
  { value: 'malignant_tumour', label: loc('恶性肿瘤门诊治疗', 'Outpatient treatment of malignant tumours') },
  { value: 'uraemia_dialysis', label: loc('尿毒症透析', 'Dialysis for uraemia') },
  { value: 'organ_transplant', label: loc('器官移植术后抗排异治疗', 'Anti-rejection treatment after organ transplant') },
  { value: 'severe_mental_disorder', label: loc('重性精神病', 'Severe mental illness') },
  { value: 'coronary_heart_disease', label: loc('冠心病', 'Coronary heart disease') },
  { value: 'stroke_sequelae', label: loc('脑卒中后遗症', 'Sequelae of stroke') },
  { value: 'chronic_hepatitis', label: loc('慢性病毒性肝炎', 'Chronic viral hepatitis') },
  { value: 'tuberculosis', label: loc('结核病', 'Tuberculosis') },
  { value: 'aplastic_anaemia', label: loc('再生障碍性贫血', 'Aplastic anaemia') },
  { value: 'haemophilia', label: loc('血友病', 'Haemophilia') },
  { value: 'parkinsons', label: loc('帕金森病', 'Parkinson’s disease') },
  { value: 'other', label: loc('其他病种', 'Other disease') },
];

const chronicDiseaseCertification: CatalogItemInput = {
  code: 'chronic_disease_certification',
  family: 'reimbursement',
  group: loc('门诊慢特病待遇认定', 'Chronic and special outpatient disease benefits'),
  name: loc('门诊慢特病病种待遇认定', 'Certification of a chronic or special outpatient disease'),
  keywords: ['mzmtbbzdyrd', 'menzhenmantebingbingzhongdaiyurending'],
  mode: 'on_the_spot',
  limitWorkingDays: 0,
  rongque: null,
  lowestLevel: 'town',
  proxyAllowed: true,
  materials: [
    CREDENTIAL,
    {
      code: 'medical_records',
      name: loc('病历资料或检查检验报告', 'Medical records or test results'),
      requirement: 'required',
      deferrable: false,
      note: loc('二级及以上定点医疗机构出具的诊断证明、出院记录或相关检查检验报告', 'Diagnosis certificate, discharge record or test reports from a designated hospital of level 2 or above'),
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    INSURANCE_TYPE_FIELD,
    {
      key: 'disease',
      type: 'enum',
      label: loc('申请病种', 'Disease applied for'),
      required: true,
      help: loc('病种目录以当地公布为准', 'The list of diseases is the local one'),
      options: CHRONIC_DISEASE_OPTIONS,
    },
    { key: 'diseaseOther', type: 'text', label: loc('其他病种名称', 'Name of the other disease'), required: true, maxLength: 50, showWhen: { field: 'disease', oneOf: ['other'] } },
    { key: 'diagnosis', type: 'text', label: loc('诊断', 'Diagnosis'), required: true, maxLength: 200 },
    {
      key: 'icdCode',
      type: 'text',
      label: loc('诊断编码（ICD-10）', 'Diagnosis code (ICD-10)'),
      required: false,
      maxLength: 20,
      pattern: '^[A-Z][0-9]{2}(\\.[0-9A-Za-z]{1,8})?$',
      help: loc('医保疾病诊断分类与代码，如 I10.x00', 'National medical-insurance diagnosis code, e.g. I10.x00'),
    },
    { key: 'diagnosingHospital', type: 'text', label: loc('诊断医院', 'Diagnosing hospital'), required: true, maxLength: 100 },
    { key: 'designatedInstitution', type: 'text', label: loc('选定的门诊慢特病定点医药机构', 'Chosen designated institution for the treatment'), required: false, maxLength: 100 },
  ],
  source: `${GUIDE_SOURCE}；受理后由定点医疗机构或专家鉴定`,
};

const CLAIM_GROUP = loc('手工（零星）报销', 'Manual claims');

/** What the window can hear at the counter about why the claim was not settled directly. */
const MANUAL_REASON_FIELD: FormField = {
  key: 'manualReason',
  type: 'enum',
  label: loc('未直接结算原因', 'Why the costs were not settled directly'),
  required: true,
  options: [
    { value: 'offsite_not_networked', label: loc('异地就医未联网结算', 'Out-of-area care without networked settlement') },
    { value: 'emergency', label: loc('急诊抢救', 'Emergency or rescue') },
    { value: 'enrollment_pending', label: loc('参保信息未及时确认（补缴、新参保等）', 'Enrollment not yet confirmed (back-payment, new enrollment, etc.)') },
    { value: 'system_failure', label: loc('系统故障未能结算', 'System failure') },
    { value: 'other', label: loc('其他', 'Other') },
  ],
};

const MANUAL_REASON_DETAIL_FIELD: FormField = {
  key: 'manualReasonDetail',
  type: 'text',
  label: loc('原因说明', 'Explanation'),
  required: true,
  maxLength: 200,
  showWhen: { field: 'manualReason', oneOf: ['other'] },
};

const OUT_OF_AREA_FIELD: FormField = {
  key: 'outOfAreaType',
  type: 'enum',
  label: loc('就医地类型', 'Where the care happened'),
  required: true,
  options: [...OUT_OF_AREA_OPTIONS],
};

/** 异地急诊: when the emergency was filed, if it was — the estimate decides from it whether it was filed in time. */
const EMERGENCY_FILING_FIELD: FormField = {
  key: 'emergencyFilingDate',
  type: 'date',
  label: loc('异地急诊备案日期', 'Date the emergency was filed'),
  required: false,
  notAfterToday: true,
  showWhen: { field: 'outOfAreaType', oneOf: ['offsite_emergency'] },
  help: loc('急诊后按规定工作日内备案的按异地急诊报销；未备案或逾期备案的按未备案异地就医', 'Filed within the working days the rules allow: the emergency rule; not filed or filed late: care not filed'),
};

const ACCIDENT_FIELD: FormField = {
  key: 'accidentalInjury',
  type: 'boolean',
  label: loc('意外伤害', 'Accidental injury'),
  required: true,
};

/** Materials for emergency care and accidents, shared by both claim items. */
const EMERGENCY_PROOF: Material = {
  code: 'emergency_proof',
  name: loc('急诊病历或抢救记录', 'Emergency records or rescue record'),
  requirement: 'conditional',
  condition: { kind: 'field', field: 'manualReason', oneOf: ['emergency'] },
  deferrable: false,
};

const ACCIDENT_STATEMENT: Material = {
  code: 'accident_statement',
  name: loc('意外伤害情况说明（无第三方责任）', 'Statement on the accident (no liable third party)'),
  requirement: 'conditional',
  condition: { kind: 'field', field: 'accidentalInjury', oneOf: [true] },
  deferrable: false,
};

/** 10 working days, up to 20 for special cases; cost lists and records may follow within 10 working days. */
const CLAIM_TERMS = {
  family: 'reimbursement',
  group: CLAIM_GROUP,
  mode: 'time_limited',
  limitWorkingDays: 10,
  limitMaxWorkingDays: 20,
  rongque: { maxPromiseWorkingDays: 10 },
  lowestLevel: 'county',
  proxyAllowed: true,
  source: `${GUIDE_SOURCE}；乡镇（街道）窗口受理后转县级经办机构审核`,
} as const satisfies Partial<CatalogItemInput>;

const outpatientReimbursement: CatalogItemInput = {
  ...CLAIM_TERMS,
  code: 'outpatient_reimbursement',
  name: loc('门诊费用报销', 'Outpatient cost claim'),
  keywords: ['mzfybx', 'menzhenfeiyongbaoxiao'],
  materials: [
    CREDENTIAL,
    RECEIPTS,
    {
      code: 'cost_list',
      name: loc('门诊费用明细清单', 'Itemised outpatient cost list'),
      requirement: 'required',
      deferrable: true,
    },
    {
      code: 'prescription_or_records',
      name: loc('处方或门诊病历', 'Prescription or outpatient records'),
      requirement: 'required',
      deferrable: true,
    },
    EMERGENCY_PROOF,
    ACCIDENT_STATEMENT,
    ...PROXY_MATERIALS,
  ],
  fields: [
    INSURANCE_TYPE_FIELD,
    HOSPITAL_NAME_FIELD,
    HOSPITAL_LEVEL_FIELD,
    { key: 'visitDate', type: 'date', label: loc('就诊日期', 'Date of the visit'), required: true, notAfterToday: true, notBeforeBirth: true },
    {
      key: 'outpatientCategory',
      type: 'enum',
      label: loc('门诊类别', 'Outpatient category'),
      required: false,
      help: loc('不填按普通门诊测算', 'Estimated as general outpatient care when left empty'),
      options: [
        { value: 'general', label: loc('普通门诊', 'General outpatient') },
        { value: 'two_diseases', label: loc('“两病”门诊（高血压、糖尿病）', 'Hypertension/diabetes outpatient') },
        { value: 'chronic_special', label: loc('门诊慢特病', 'Chronic/special disease outpatient') },
      ],
    },
    OUT_OF_AREA_FIELD,
    EMERGENCY_FILING_FIELD,
    MANUAL_REASON_FIELD,
    MANUAL_REASON_DETAIL_FIELD,
    ACCIDENT_FIELD,
    ...BANK_FIELDS,
    INVOICES_FIELD,
  ],
  rules: [...INVOICE_RULES, { kind: 'dateOrder', earlier: 'visitDate', later: 'emergencyFilingDate' }],
};

const inpatientReimbursement: CatalogItemInput = {
  ...CLAIM_TERMS,
  code: 'inpatient_reimbursement',
  name: loc('住院费用报销', 'Inpatient cost claim'),
  keywords: ['zyfybx', 'zhuyuanfeiyongbaoxiao'],
  materials: [
    CREDENTIAL,
    RECEIPTS,
    {
      code: 'cost_list',
      name: loc('住院费用明细清单', 'Itemised inpatient cost list'),
      requirement: 'required',
      deferrable: true,
    },
    {
      code: 'discharge_summary',
      name: loc('出院记录或诊断证明', 'Discharge summary or diagnosis certificate'),
      requirement: 'required',
      deferrable: true,
    },
    EMERGENCY_PROOF,
    ACCIDENT_STATEMENT,
    ...PROXY_MATERIALS,
  ],
  fields: [
    INSURANCE_TYPE_FIELD,
    HOSPITAL_NAME_FIELD,
    HOSPITAL_LEVEL_FIELD,
    { key: 'admissionDate', type: 'date', label: loc('入院日期', 'Admission date'), required: true, notAfterToday: true, notBeforeBirth: true },
    { key: 'dischargeDate', type: 'date', label: loc('出院日期', 'Discharge date'), required: true, notAfterToday: true, notBeforeBirth: true },
    OUT_OF_AREA_FIELD,
    EMERGENCY_FILING_FIELD,
    MANUAL_REASON_FIELD,
    MANUAL_REASON_DETAIL_FIELD,
    ACCIDENT_FIELD,
    ...BANK_FIELDS,
    INVOICES_FIELD,
  ],
  rules: [
    { kind: 'dateOrder', earlier: 'admissionDate', later: 'dischargeDate' },
    { kind: 'dateOrder', earlier: 'admissionDate', later: 'emergencyFilingDate' },
    ...INVOICE_RULES,
    // The receipts of a stay are dated within it (admission to discharge).
    { kind: 'rowDateWithin', rows: 'invoices', column: 'invoiceDate', from: 'admissionDate', to: 'dischargeDate' },
  ],
};

export const REIMBURSEMENT_ITEMS: readonly CatalogItemInput[] = [chronicDiseaseCertification, outpatientReimbursement, inpatientReimbursement];
