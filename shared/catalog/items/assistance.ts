import type { CatalogItemInput, FormField, Material } from '../types';
import {
  ASSISTANCE_CATEGORY_OPTIONS,
  BANK_FIELDS,
  CREDENTIAL,
  GUIDE_SOURCE,
  HOSPITAL_NAME_FIELD,
  INVOICES_FIELD,
  INVOICE_RULES,
  PROXY_MATERIALS,
  RECEIPTS,
  loc,
} from './common';

/** Medical assistance (医疗救助) for special groups: contribution subsidy and manual claims. */

const GROUP = loc('医疗救助', 'Medical assistance');

const ASSISTANCE_CATEGORY_FIELD: FormField = {
  key: 'assistanceCategory',
  type: 'enum',
  label: loc('救助对象类别', 'Assistance category'),
  required: true,
  options: [...ASSISTANCE_CATEGORY_OPTIONS],
};

/** Whether the person's assistance status is already flagged in the system (shared by civil affairs etc.). */
const STATUS_FLAGGED_FIELD: FormField = {
  key: 'statusFlagged',
  type: 'boolean',
  label: loc('系统中已有救助对象身份标识', 'Assistance status already flagged in the system'),
  required: true,
};

const STATUS_PROOF: Material = {
  code: 'assistance_status_proof',
  name: loc('救助对象身份证明', 'Proof of assistance status'),
  requirement: 'conditional',
  condition: { kind: 'field', field: 'statusFlagged', oneOf: [false] },
  deferrable: false,
  note: loc('由民政、乡村振兴等部门认定出具', 'Issued by civil affairs, rural revitalisation or another deciding department'),
};

const contributionSubsidy: CatalogItemInput = {
  code: 'assistance_contribution_subsidy',
  family: 'reimbursement',
  group: GROUP,
  name: loc('救助对象居民医保个人缴费补贴', 'Subsidy of an assistance recipient’s resident contribution'),
  keywords: ['jzdxjmybgrjfbt', 'jiuzhuduixiangjuminyibaogerenjiaofeibutie'],
  mode: 'time_limited',
  limitWorkingDays: 5,
  rongque: null,
  lowestLevel: 'county',
  proxyAllowed: true,
  materials: [
    CREDENTIAL,
    STATUS_PROOF,
    {
      code: 'contribution_receipt',
      name: loc('城乡居民医保缴费凭证', 'Receipt of the resident contribution'),
      requirement: 'required',
      deferrable: false,
      note: loc('系统可查询到缴费记录的免于提供', 'Not needed when the payment shows in the system'),
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    ASSISTANCE_CATEGORY_FIELD,
    STATUS_FLAGGED_FIELD,
    { key: 'enrollmentYear', type: 'integer', label: loc('参保年度', 'Enrollment year'), required: true, min: 2000, max: 2100 },
    { key: 'paidFen', type: 'money', label: loc('个人已缴金额', 'Contribution paid by the person'), required: true, minFen: 1 },
    { key: 'paidDate', type: 'date', label: loc('缴费日期', 'Date paid'), required: true, notAfterToday: true },
    ...BANK_FIELDS,
  ],
  source: GUIDE_SOURCE,
};

const assistanceReimbursement: CatalogItemInput = {
  code: 'assistance_reimbursement',
  family: 'reimbursement',
  group: GROUP,
  name: loc('救助对象手工（零星）报销', 'Manual claim of an assistance recipient'),
  keywords: ['jzdxsglxbx', 'jiuzhuduixiangshougonglingxingbaoxiao'],
  mode: 'time_limited',
  limitWorkingDays: 10,
  limitMaxWorkingDays: 20,
  rongque: null,
  lowestLevel: 'county',
  proxyAllowed: true,
  materials: [
    CREDENTIAL,
    STATUS_PROOF,
    {
      code: 'settlement_sheets',
      name: loc('基本医保、大病保险结算单', 'Settlement sheets of basic and critical-illness insurance'),
      requirement: 'required',
      deferrable: false,
    },
    RECEIPTS,
    {
      code: 'prescription_or_pharmacy_invoice',
      name: loc('处方或定点药店购药发票', 'Prescription or invoice of the designated pharmacy'),
      requirement: 'conditional',
      condition: { kind: 'field', field: 'careType', oneOf: ['outpatient', 'pharmacy'] },
      deferrable: false,
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    ASSISTANCE_CATEGORY_FIELD,
    STATUS_FLAGGED_FIELD,
    {
      key: 'careType',
      type: 'enum',
      label: loc('费用类别', 'Type of costs'),
      required: true,
      options: [
        { value: 'outpatient', label: loc('门诊（含门诊慢特病）', 'Outpatient (incl. chronic and special diseases)') },
        { value: 'inpatient', label: loc('住院', 'Inpatient') },
        { value: 'pharmacy', label: loc('定点药店购药', 'Designated pharmacy') },
      ],
    },
    { ...HOSPITAL_NAME_FIELD, label: loc('医疗机构或药店名称', 'Medical institution or pharmacy') },
    { key: 'careStartDate', type: 'date', label: loc('就诊或入院日期', 'Date of the visit or admission'), required: true, notAfterToday: true, notBeforeBirth: true },
    ...BANK_FIELDS,
    INVOICES_FIELD,
  ],
  rules: [...INVOICE_RULES],
  source: GUIDE_SOURCE,
};

export const ASSISTANCE_ITEMS: readonly CatalogItemInput[] = [contributionSubsidy, assistanceReimbursement];
