import type { CatalogItemInput, FormField, Material } from '../types';
import {
  CREDENTIAL,
  GUIDE_SOURCE,
  INSURANCE_TYPE_FIELD,
  INSURANCE_TYPE_OPTIONS,
  PHONE_FIELD,
  PROXY_MATERIALS,
  VALID_ID,
  loc,
} from './common';

/** Enrollment (参保) items: registration and changes, queries, transfer between regions. */

const REGISTRATION = loc('参保和变更登记', 'Enrollment and change registration');
const QUERY = loc('参保信息查询', 'Insurance record query');
const TRANSFER = loc('关系转移接续', 'Transfer and continuation of insurance');

/** Supporting papers for a change of name or ID number (户籍变更证明等). */
const CHANGE_PROOF: Material = {
  code: 'change_proof',
  name: loc('姓名或身份证件号码变更的证明材料', 'Proof of the change of name or ID number'),
  requirement: 'conditional',
  condition: { kind: 'field', field: 'changeType', oneOf: ['name', 'id_number'] },
  deferrable: false,
  note: loc('如公安机关出具的户籍信息变更证明；部门信息共享可核验的免于提供', 'E.g. the police’s certificate of the change in the household register; not needed when shared data can confirm it'),
};

/** The fields that describe a change of personal data, shown according to `changeType`. */
const PERSON_CHANGE_FIELDS: readonly FormField[] = [
  { key: 'newName', type: 'personName', label: loc('变更后姓名', 'New name'), required: true, showWhen: { field: 'changeType', oneOf: ['name'] } },
  { key: 'newIdNumber', type: 'idNumber', label: loc('变更后证件号码', 'New ID number'), required: true, showWhen: { field: 'changeType', oneOf: ['id_number'] } },
  { key: 'newPhone', type: 'phone', label: loc('变更后联系电话', 'New phone'), required: true, showWhen: { field: 'changeType', oneOf: ['contact'] } },
  { key: 'newAddress', type: 'text', label: loc('变更后联系地址', 'New address'), required: false, maxLength: 200, showWhen: { field: 'changeType', oneOf: ['contact'] } },
  { key: 'detail', type: 'text', label: loc('变更内容', 'What changes'), required: true, maxLength: 200, showWhen: { field: 'changeType', oneOf: ['other_info'] } },
];

const residentEnrollment: CatalogItemInput = {
  code: 'resident_enrollment',
  family: 'enrollment',
  group: REGISTRATION,
  name: loc('城乡居民参保登记', 'Resident insurance enrollment'),
  keywords: ['cxjmcbdj', 'chengxiangjumincanbaodengji'],
  mode: 'on_the_spot',
  limitWorkingDays: 0,
  rongque: null,
  lowestLevel: 'village',
  proxyAllowed: true,
  materials: [
    { ...VALID_ID, note: loc('新生儿可凭出生医学证明和户口簿办理', 'A newborn may enroll with the birth certificate and the household register') },
    {
      code: 'residence_permit',
      name: loc('居住证', 'Residence permit'),
      requirement: 'conditional',
      condition: { kind: 'field', field: 'residenceBasis', oneOf: ['residence_permit'] },
      deferrable: false,
      note: loc('部门信息共享可核验的免于提供', 'Not needed when shared data can confirm it'),
    },
    {
      code: 'student_proof',
      name: loc('学籍证明或学生证', 'Proof of school enrolment or student card'),
      requirement: 'conditional',
      condition: { kind: 'field', field: 'personCategory', oneOf: ['student'] },
      deferrable: false,
      note: loc('由学校统一代办或信息共享可核验的免于提供', 'Not needed when the school enrolls its students in bulk or shared data can confirm it'),
    },
    {
      code: 'birth_certificate',
      name: loc('出生医学证明', 'Medical birth certificate'),
      requirement: 'conditional',
      condition: { kind: 'field', field: 'personCategory', oneOf: ['newborn'] },
      deferrable: false,
    },
    {
      code: 'hardship_proof',
      name: loc('困难群体身份证明', 'Proof of hardship status'),
      requirement: 'conditional',
      condition: { kind: 'field', field: 'hardshipGroup', oneOf: ['tekun', 'dibao', 'tuopin', 'monitored'] },
      deferrable: false,
      note: loc('民政、乡村振兴等部门已共享认定信息的免于提供', 'Not needed when civil affairs or rural revitalisation data already flag the person'),
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    { key: 'enrollmentYear', type: 'integer', label: loc('参保年度', 'Enrollment year'), required: true, min: 2000, max: 2100 },
    {
      key: 'personCategory',
      type: 'enum',
      label: loc('人员类别', 'Person category'),
      required: true,
      options: [
        { value: 'adult', label: loc('成年居民', 'Adult resident') },
        { value: 'minor', label: loc('未成年人', 'Minor') },
        { value: 'student', label: loc('在校学生', 'Student') },
        { value: 'newborn', label: loc('新生儿', 'Newborn') },
      ],
    },
    {
      key: 'contributionTier',
      type: 'enum',
      label: loc('缴费档次', 'Contribution tier'),
      required: true,
      showWhen: { field: 'personCategory', oneOf: ['adult'] },
      help: loc('特困、低保等困难群体按一档参保', 'Hardship groups enroll at tier 1'),
      options: [
        { value: 'tier1', label: loc('一档', 'Tier 1') },
        { value: 'tier2', label: loc('二档', 'Tier 2') },
      ],
    },
    {
      key: 'hardshipGroup',
      type: 'enum',
      label: loc('困难群体类别', 'Hardship group'),
      required: true,
      options: [
        { value: 'none', label: loc('无', 'None') },
        { value: 'tekun', label: loc('特困人员', 'Person in extreme poverty (tekun)') },
        { value: 'dibao', label: loc('低保对象', 'Minimum-living-allowance recipient (dibao)') },
        { value: 'tuopin', label: loc('脱贫人口', 'Person lifted out of poverty') },
        { value: 'monitored', label: loc('防返贫监测对象', 'Monitored for relapse into poverty') },
      ],
    },
    {
      key: 'residenceBasis',
      type: 'enum',
      label: loc('参保依据', 'Basis for enrolling here'),
      required: true,
      options: [
        { value: 'hukou', label: loc('本地户籍', 'Local household registration') },
        { value: 'residence_permit', label: loc('持本地居住证', 'Local residence permit') },
        { value: 'school', label: loc('在本地就读', 'Studying locally') },
      ],
    },
    {
      key: 'regionCode',
      type: 'regionCode',
      label: loc('户籍地或居住地区划代码', 'Region code of the hukou or residence'),
      required: true,
      help: loc('6位医保区划代码', '6-digit medical-insurance region code'),
    },
    PHONE_FIELD,
  ],
  source: GUIDE_SOURCE,
};

const employeeEnrollment: CatalogItemInput = {
  code: 'employee_enrollment',
  family: 'enrollment',
  group: REGISTRATION,
  name: loc('职工参保登记', 'Employee insurance enrollment'),
  keywords: ['zgcbdj', 'zhigongcanbaodengji'],
  mode: 'on_the_spot',
  limitWorkingDays: 0,
  rongque: null,
  lowestLevel: 'town',
  proxyAllowed: true,
  materials: [
    {
      code: 'registration_form',
      name: loc('《职工参保登记表》（加盖单位公章）', 'Employee enrollment form (with the employer’s seal)'),
      requirement: 'conditional',
      condition: { kind: 'field', field: 'flexibleWorker', oneOf: [false] },
      deferrable: false,
    },
    {
      ...VALID_ID,
      requirement: 'conditional',
      condition: { kind: 'field', field: 'flexibleWorker', oneOf: [true] },
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    {
      key: 'flexibleWorker',
      type: 'boolean',
      label: loc('以灵活就业人员身份参保', 'Enrolls as a flexible worker'),
      required: true,
    },
    {
      key: 'changeType',
      type: 'enum',
      label: loc('登记类型', 'Type of registration'),
      required: true,
      options: [
        { value: 'join', label: loc('参保（增员）', 'Join') },
        { value: 'interrupt', label: loc('中断缴费（减员）', 'Interrupt contributions') },
        { value: 'end', label: loc('终止参保', 'End insurance') },
        { value: 'resume', label: loc('恢复缴费（续保）', 'Resume contributions') },
        { value: 'retire', label: loc('退休', 'Retire') },
      ],
    },
    {
      key: 'employerCreditCode',
      type: 'creditCode',
      label: loc('用人单位统一社会信用代码', 'Employer’s unified social credit code'),
      required: true,
      showWhen: { field: 'flexibleWorker', oneOf: [false] },
    },
    { key: 'effectiveDate', type: 'date', label: loc('生效日期', 'Effective date'), required: true },
    PHONE_FIELD,
  ],
  source: GUIDE_SOURCE,
};

const residentInfoChange: CatalogItemInput = {
  code: 'resident_info_change',
  family: 'enrollment',
  group: REGISTRATION,
  name: loc('城乡居民参保信息变更', 'Change of resident insurance data'),
  keywords: ['cxjmcbxxbg', 'chengxiangjumincanbaoxinxibiangeng'],
  mode: 'on_the_spot',
  limitWorkingDays: 0,
  rongque: null,
  lowestLevel: 'town',
  proxyAllowed: true,
  materials: [
    VALID_ID,
    CHANGE_PROOF,
    {
      code: 'death_certificate',
      name: loc('死亡证明', 'Death certificate'),
      requirement: 'conditional',
      condition: { kind: 'field', field: 'stopReason', oneOf: ['deceased'] },
      deferrable: false,
      note: loc('公安、民政、卫生健康部门信息共享可核验的免于提供', 'Not needed when police, civil affairs or health data can confirm it'),
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    {
      key: 'changeType',
      type: 'enum',
      label: loc('变更类型', 'Type of change'),
      required: true,
      options: [
        { value: 'name', label: loc('姓名变更', 'Name') },
        { value: 'id_number', label: loc('证件号码变更', 'ID number') },
        { value: 'contact', label: loc('联系方式变更', 'Contact details') },
        { value: 'other_info', label: loc('其他信息变更', 'Other data') },
        { value: 'suspend', label: loc('暂停参保', 'Suspend insurance') },
        { value: 'terminate', label: loc('终止参保', 'Terminate insurance') },
      ],
    },
    ...PERSON_CHANGE_FIELDS,
    {
      key: 'stopReason',
      type: 'enum',
      label: loc('暂停或终止原因', 'Reason for suspending or terminating'),
      required: true,
      showWhen: { field: 'changeType', oneOf: ['suspend', 'terminate'] },
      options: [
        { value: 'joined_employee', label: loc('参加职工医保', 'Joined employee insurance') },
        { value: 'enrolled_elsewhere', label: loc('在外地参保', 'Enrolled in another region') },
        { value: 'military', label: loc('应征入伍', 'Enlisted in the armed forces') },
        { value: 'emigrated', label: loc('出国（境）定居', 'Settled abroad') },
        { value: 'deceased', label: loc('死亡', 'Deceased') },
        { value: 'other', label: loc('其他', 'Other') },
      ],
    },
    {
      key: 'stopDate',
      type: 'date',
      label: loc('暂停或终止日期', 'Date of suspension or termination'),
      required: true,
      showWhen: { field: 'changeType', oneOf: ['suspend', 'terminate'] },
    },
  ],
  source: GUIDE_SOURCE,
};

const employeeInfoChange: CatalogItemInput = {
  code: 'employee_info_change',
  family: 'enrollment',
  group: REGISTRATION,
  name: loc('职工参保信息变更', 'Change of employee insurance data'),
  keywords: ['zgcbxxbg', 'zhigongcanbaoxinxibiangeng'],
  mode: 'on_the_spot',
  limitWorkingDays: 0,
  rongque: null,
  lowestLevel: 'town',
  proxyAllowed: true,
  materials: [
    {
      code: 'change_form',
      name: loc('《参保人员信息变更表》（加盖单位公章）', 'Change form for insured persons (with the employer’s seal)'),
      requirement: 'conditional',
      condition: { kind: 'field', field: 'submittedBy', oneOf: ['employer'] },
      deferrable: false,
    },
    {
      ...VALID_ID,
      requirement: 'conditional',
      condition: { kind: 'field', field: 'submittedBy', oneOf: ['person'] },
    },
    CHANGE_PROOF,
    ...PROXY_MATERIALS,
  ],
  fields: [
    {
      key: 'submittedBy',
      type: 'enum',
      label: loc('申报方式', 'Submitted by'),
      required: true,
      options: [
        { value: 'employer', label: loc('单位申报', 'The employer') },
        { value: 'person', label: loc('个人申报（灵活就业人员等）', 'The person (flexible workers etc.)') },
      ],
    },
    {
      key: 'employerCreditCode',
      type: 'creditCode',
      label: loc('用人单位统一社会信用代码', 'Employer’s unified social credit code'),
      required: true,
      showWhen: { field: 'submittedBy', oneOf: ['employer'] },
    },
    {
      key: 'changeType',
      type: 'enum',
      label: loc('变更类型', 'Type of change'),
      required: true,
      options: [
        { value: 'name', label: loc('姓名变更', 'Name') },
        { value: 'id_number', label: loc('证件号码变更', 'ID number') },
        { value: 'contact', label: loc('联系方式变更', 'Contact details') },
        { value: 'other_info', label: loc('其他信息变更', 'Other data') },
      ],
    },
    ...PERSON_CHANGE_FIELDS,
  ],
  source: GUIDE_SOURCE,
};

/**
 * An employer acts through its own staff, whose authority is the seal on the registration form;
 * the personal proxy route (授权委托书 from a principal) does not fit, so no proxy materials.
 */
const employerRegistration: CatalogItemInput = {
  code: 'employer_registration',
  family: 'enrollment',
  group: REGISTRATION,
  name: loc('单位参保登记', 'Employer registration'),
  keywords: ['dwcbdj', 'danweicanbaodengji'],
  mode: 'on_the_spot',
  limitWorkingDays: 0,
  rongque: null,
  lowestLevel: 'town',
  proxyAllowed: false,
  materials: [
    {
      code: 'credit_code_certificate',
      name: loc('营业执照等统一社会信用代码证书或批准成立文件', 'Business licence or other credit-code certificate, or the founding document'),
      requirement: 'required',
      deferrable: false,
      note: loc('市场监管等部门信息共享可核验的免于提供', 'Not needed when market-regulation data can confirm it'),
    },
    {
      code: 'registration_form',
      name: loc('《单位参保登记表》（加盖单位公章）', 'Employer registration form (with the seal)'),
      requirement: 'required',
      deferrable: false,
    },
    {
      code: 'bank_account_proof',
      name: loc('单位银行开户信息（开户许可证或基本存款账户信息）', 'The employer’s bank account (account licence or basic deposit account details)'),
      requirement: 'conditional',
      condition: { kind: 'field', field: 'firstRegistration', oneOf: [true] },
      deferrable: false,
    },
    {
      code: 'handler_id',
      name: loc('单位经办人有效身份证件', 'Valid identity document of the employer’s staff member'),
      requirement: 'required',
      deferrable: false,
    },
  ],
  fields: [
    { key: 'employerName', type: 'text', label: loc('单位名称', 'Employer name'), required: true, maxLength: 100 },
    { key: 'creditCode', type: 'creditCode', label: loc('统一社会信用代码', 'Unified social credit code'), required: true },
    { key: 'address', type: 'text', label: loc('单位地址', 'Address'), required: true, maxLength: 200 },
    { key: 'handlerName', type: 'personName', label: loc('单位经办人姓名', 'Staff member handling it'), required: true },
    { ...PHONE_FIELD, label: loc('经办人联系电话', 'Staff member’s phone') },
    { key: 'firstRegistration', type: 'boolean', label: loc('首次参保登记', 'First registration'), required: true },
    { key: 'bankName', type: 'text', label: loc('开户银行', 'Bank'), required: true, maxLength: 60, showWhen: { field: 'firstRegistration', oneOf: [true] } },
    { key: 'bankAccount', type: 'bankAccount', label: loc('银行账号', 'Bank account number'), required: true, showWhen: { field: 'firstRegistration', oneOf: [true] } },
  ],
  source: GUIDE_SOURCE,
};

const insuranceRecordQuery: CatalogItemInput = {
  code: 'insurance_record_query',
  family: 'enrollment',
  group: QUERY,
  name: loc('参保人员参保信息查询', 'Query of a person’s insurance record'),
  keywords: ['cbrycbxxcx', 'canbaorenyuancanbaoxinxichaxun'],
  mode: 'on_the_spot',
  limitWorkingDays: 0,
  rongque: null,
  lowestLevel: 'town',
  proxyAllowed: true,
  materials: [CREDENTIAL, ...PROXY_MATERIALS],
  fields: [
    {
      key: 'queryItems',
      type: 'multiEnum',
      label: loc('查询内容', 'What to look up'),
      required: true,
      options: [
        { value: 'status', label: loc('参保状态', 'Insurance status') },
        { value: 'contributions', label: loc('缴费记录', 'Contribution record') },
        { value: 'personal_account', label: loc('个人账户', 'Personal account') },
        { value: 'benefits', label: loc('待遇享受记录', 'Benefits received') },
      ],
    },
    { key: 'fromDate', type: 'date', label: loc('起始日期', 'From'), required: false, notAfterToday: true },
    { key: 'toDate', type: 'date', label: loc('截止日期', 'To'), required: false, notAfterToday: true },
    { key: 'printout', type: 'boolean', label: loc('需要打印', 'Print it'), required: true },
  ],
  rules: [{ kind: 'dateOrder', earlier: 'fromDate', later: 'toDate' }],
  source: GUIDE_SOURCE,
};

const insuranceCertificate: CatalogItemInput = {
  code: 'insurance_certificate',
  family: 'enrollment',
  group: TRANSFER,
  name: loc('出具《参保凭证》', 'Issue of the insurance certificate'),
  keywords: ['cjcbpz', 'chujucanbaopingzheng'],
  mode: 'on_the_spot',
  limitWorkingDays: 0,
  rongque: null,
  lowestLevel: 'town',
  proxyAllowed: true,
  materials: [CREDENTIAL, ...PROXY_MATERIALS],
  fields: [
    INSURANCE_TYPE_FIELD,
    {
      key: 'destinationRegionCode',
      type: 'regionCode',
      label: loc('转入地区划代码', 'Region code of the new insuring region'),
      required: false,
      help: loc('已确定转入地的填写', 'Fill in when the new region is known'),
    },
  ],
  source: GUIDE_SOURCE,
};

const transferContinuation: CatalogItemInput = {
  code: 'transfer_continuation',
  family: 'enrollment',
  group: TRANSFER,
  name: loc('转移接续手续办理', 'Transfer and continuation of insurance'),
  keywords: ['zyjxsxbl', 'zhuanyijiexushouxubanli'],
  mode: 'time_limited',
  limitWorkingDays: 15,
  rongque: null,
  lowestLevel: 'county',
  proxyAllowed: true,
  materials: [
    CREDENTIAL,
    {
      code: 'origin_certificate',
      name: loc('转出地出具的《参保凭证》', 'Insurance certificate issued by the former region'),
      requirement: 'required',
      deferrable: false,
      note: loc('转出地已通过全国医保信息平台传送的免于提供', 'Not needed when the former region sent it through the national platform'),
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    { ...INSURANCE_TYPE_FIELD, label: loc('转入险种', 'Insurance joined here') },
    {
      key: 'originInsuranceType',
      type: 'enum',
      label: loc('转出地险种', 'Insurance in the former region'),
      required: true,
      options: [...INSURANCE_TYPE_OPTIONS],
    },
    { key: 'originRegionCode', type: 'regionCode', label: loc('转出地区划代码', 'Region code of the former region'), required: true },
    PHONE_FIELD,
  ],
  source: GUIDE_SOURCE,
};

export const ENROLLMENT_ITEMS: readonly CatalogItemInput[] = [
  residentEnrollment,
  employeeEnrollment,
  residentInfoChange,
  employeeInfoChange,
  employerRegistration,
  insuranceRecordQuery,
  insuranceCertificate,
  transferContinuation,
];
