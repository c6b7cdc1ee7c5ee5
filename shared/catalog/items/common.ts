import type { LocalizedText } from '../../text';
import type { FormField, FormRule, Material, ScalarField } from '../types';

/**
 * Building blocks shared by the default catalog's items: the materials every window asks for,
 * the proxy (帮办代办) materials, and option lists that several forms use. Plain data only.
 */

/** A localized text as data: Chinese first, English beside it. */
export function loc(zh: string, en: string): LocalizedText {
  return { 'zh-CN': zh, en };
}

/** Where the default items come from. */
export const GUIDE_SOURCE = '江苏省医疗保障经办政务服务事项办事指南（2022年版），依据国家医疗保障经办政务服务事项清单（2020年）';

export type FieldOption = Extract<ScalarField, { type: 'enum' }>['options'][number];

// ---------------------------------------------------------------------------------------------
// Materials

/** "凭证": the e-certificate, a valid identity document or the social-security card (any one). */
export const CREDENTIAL: Material = {
  code: 'credential',
  name: loc('医保电子凭证、有效身份证件或社会保障卡', 'Medical-insurance e-certificate, valid identity document or social security card'),
  requirement: 'required',
  deferrable: false,
  note: loc('任选其一；代办的，另查验委托人有效身份证件原件', 'Any one of them; when an agent handles the case, the principal’s valid identity document (original) is also checked'),
};

/** A valid identity document only (items whose guide asks for the ID itself, e.g. enrollment). */
export const VALID_ID: Material = {
  code: 'valid_id',
  name: loc('有效身份证件', 'Valid identity document'),
  requirement: 'required',
  deferrable: false,
  note: loc('居民身份证、户口簿、港澳台居民居住证、外国人永久居留身份证等，查验原件', 'Resident ID card, household register, residence permit for Hong Kong/Macao/Taiwan residents, foreign permanent residence ID card, etc.; originals are checked'),
};

/** The agent's own ID, needed whenever someone handles the case for the person (帮办代办). */
export const AGENT_ID: Material = {
  code: 'agent_id',
  name: loc('代办人有效身份证件原件', 'Agent’s valid identity document (original)'),
  requirement: 'conditional',
  condition: { kind: 'proxy' },
  deferrable: false,
};

/** The principal's signed authorisation, needed whenever someone handles the case for the person. */
export const AUTHORISATION: Material = {
  code: 'authorisation',
  name: loc('授权委托书', 'Letter of authorisation'),
  requirement: 'conditional',
  condition: { kind: 'proxy' },
  deferrable: false,
  note: loc('由委托人签字（或按手印）；委托人为无民事行为能力人的，由监护人签字', 'Signed (or fingerprinted) by the principal; for a person without legal capacity, by the guardian'),
};

/** The two proxy materials, in the order the window reads them out. */
export const PROXY_MATERIALS: readonly Material[] = [AGENT_ID, AUTHORISATION];

/** Original receipts of a medical institution or pharmacy: never deferrable, the claim is built on them. */
export const RECEIPTS: Material = {
  code: 'receipts',
  name: loc('医疗机构收费票据（发票）原件', 'Original receipts (invoices) of the medical institution'),
  requirement: 'required',
  deferrable: false,
};

// ---------------------------------------------------------------------------------------------
// Option lists

export const INSURANCE_TYPE_OPTIONS: readonly FieldOption[] = [
  { value: 'employee', label: loc('职工医保', 'Employee medical insurance') },
  { value: 'resident', label: loc('城乡居民医保', 'Urban and rural resident medical insurance') },
];

export const HOSPITAL_LEVEL_OPTIONS: readonly FieldOption[] = [
  { value: 'level1', label: loc('一级', 'Level 1') },
  { value: 'level2', label: loc('二级', 'Level 2') },
  { value: 'level3', label: loc('三级', 'Level 3') },
  { value: 'unrated', label: loc('未定级', 'Unrated') },
];

/** Where the care happened, as the reimbursement rules distinguish it (异地就医 rules). */
export const OUT_OF_AREA_OPTIONS: readonly FieldOption[] = [
  { value: 'local', label: loc('本地就医', 'Care in the insuring region') },
  { value: 'offsite_residence', label: loc('异地居住备案', 'Out of area, filed as living elsewhere') },
  { value: 'offsite_referral', label: loc('异地转诊备案', 'Out of area, filed as a referral') },
  { value: 'offsite_emergency', label: loc('异地急诊', 'Out of area, emergency') },
  { value: 'offsite_unfiled', label: loc('未备案异地就医', 'Out of area, not filed') },
];

/** Special groups of medical assistance (医疗救助对象). */
export const ASSISTANCE_CATEGORY_OPTIONS: readonly FieldOption[] = [
  { value: 'tekun', label: loc('特困人员', 'Person in extreme poverty (tekun)') },
  { value: 'dibao', label: loc('低保对象', 'Minimum-living-allowance recipient (dibao)') },
  { value: 'monitored', label: loc('防返贫监测对象', 'Monitored for relapse into poverty') },
  { value: 'tuopin', label: loc('脱贫人口', 'Person lifted out of poverty') },
  { value: 'other', label: loc('其他救助对象', 'Other assistance recipient') },
];

/** How the agent or a contact person is related to the person served. */
export const RELATIONSHIP_OPTIONS: readonly FieldOption[] = [
  { value: 'spouse', label: loc('配偶', 'Spouse') },
  { value: 'parent', label: loc('父母', 'Parent') },
  { value: 'child', label: loc('子女', 'Child') },
  { value: 'other_relative', label: loc('其他亲属', 'Other relative') },
  { value: 'guardian', label: loc('监护人', 'Guardian') },
  { value: 'proxy_officer', label: loc('村（社区）代办员', 'Village (community) proxy officer') },
  { value: 'employer', label: loc('单位经办人', 'Employer’s staff') },
  { value: 'other', label: loc('其他', 'Other') },
];

export const DELIVERY_TYPE_OPTIONS: readonly FieldOption[] = [
  { value: 'vaginal', label: loc('顺产', 'Vaginal delivery') },
  { value: 'caesarean', label: loc('剖宫产', 'Caesarean section') },
];

// ---------------------------------------------------------------------------------------------
// Fields used by several items

export const INSURANCE_TYPE_FIELD: FormField = {
  key: 'insuranceType',
  type: 'enum',
  label: loc('参保险种', 'Insurance type'),
  required: true,
  options: [...INSURANCE_TYPE_OPTIONS],
};

export const PHONE_FIELD: FormField = {
  key: 'phone',
  type: 'phone',
  label: loc('联系电话', 'Contact phone'),
  required: true,
};

export const HOSPITAL_NAME_FIELD: FormField = {
  key: 'hospitalName',
  type: 'text',
  label: loc('就诊医疗机构名称', 'Name of the medical institution'),
  required: true,
  maxLength: 100,
};

export const HOSPITAL_LEVEL_FIELD: FormField = {
  key: 'hospitalLevel',
  type: 'enum',
  label: loc('医疗机构等级', 'Hospital level'),
  required: true,
  options: [...HOSPITAL_LEVEL_OPTIONS],
};

/** The account a payout goes to: holder, bank and number. */
export const BANK_FIELDS: readonly FormField[] = [
  {
    key: 'bankAccountName',
    type: 'personName',
    label: loc('收款户名', 'Account holder'),
    required: true,
    help: loc('一般为参保人本人；本人已故或为未成年人的，可为其法定继承人或监护人', 'Normally the insured person; a legal heir or the guardian when the person has died or is a minor'),
  },
  { key: 'bankName', type: 'text', label: loc('开户银行', 'Bank'), required: true, maxLength: 60 },
  { key: 'bankAccount', type: 'bankAccount', label: loc('银行账号', 'Bank account number'), required: true },
];

/** Invoice lines of a manual claim (one row per receipt), amounts in fen. */
export const INVOICES_FIELD: FormField = {
  key: 'invoices',
  type: 'rows',
  label: loc('票据明细', 'Receipts'),
  required: true,
  minRows: 1,
  maxRows: 200,
  columns: [
    { key: 'invoiceNo', type: 'text', label: loc('票据号码', 'Receipt number'), required: true, maxLength: 40 },
    { key: 'invoiceDate', type: 'date', label: loc('开票日期', 'Date of issue'), required: true, notAfterToday: true, notBeforeBirth: true },
    { key: 'amountFen', type: 'money', label: loc('票据金额', 'Amount'), required: true, minFen: 1 },
    {
      key: 'selfPaidFen',
      type: 'money',
      label: loc('全自费金额', 'Wholly self-paid part'),
      required: false,
      help: loc('医保目录外、个人全部自付的部分', 'The part outside the insurance catalogue, paid entirely by the person'),
    },
  ],
};

/**
 * The rules of every table of invoice lines: a line's wholly self-paid part is not above its amount (the
 * policy-range part, amount − self-paid, is never negative), and a receipt number appears once in a claim.
 */
export const INVOICE_RULES: readonly FormRule[] = [
  { kind: 'rowPartOf', rows: 'invoices', part: 'selfPaidFen', whole: 'amountFen' },
  { kind: 'uniqueInRows', rows: 'invoices', column: 'invoiceNo' },
];
