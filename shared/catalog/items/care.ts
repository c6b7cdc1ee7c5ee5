import type { CatalogItemInput, FormField } from '../types';
import { CREDENTIAL, GUIDE_SOURCE, INSURANCE_TYPE_FIELD, PROXY_MATERIALS, RELATIONSHIP_OPTIONS, loc } from './common';
import type { FieldOption } from './common';

/**
 * Long-term care insurance (长期护理保险): application, re-assessment and change of care mode.
 * The guide leaves the limit to local rules; 30 working days is a default until the bureau's table
 * says otherwise. The window accepts; the disability assessment (失能等级评估) follows by the
 * appointed assessors.
 */

const GROUP = loc('长期护理保险', 'Long-term care insurance');

const LTC_SOURCE = `${GUIDE_SOURCE}；办理时限按当地规定，默认30个工作日（待当地政策表确认）`;

const CARE_MODE_OPTIONS: readonly FieldOption[] = [
  { value: 'specialised', label: loc('专护（医疗机构）', 'Specialised care (in a medical institution)') },
  { value: 'institutional', label: loc('院护（养老护理机构）', 'Institutional care (nursing or care home)') },
  { value: 'home', label: loc('家护（居家上门）', 'Home care') },
];

const TERMS = {
  family: 'care',
  group: GROUP,
  mode: 'time_limited',
  limitWorkingDays: 30,
  rongque: null,
  lowestLevel: 'town',
  proxyAllowed: true,
  source: LTC_SOURCE,
} as const satisfies Partial<CatalogItemInput>;

const REQUESTED_CARE_MODE_FIELD: FormField = {
  key: 'requestedCareMode',
  type: 'enum',
  label: loc('申请护理方式', 'Care mode requested'),
  required: true,
  options: [...CARE_MODE_OPTIONS],
};

const INSTITUTION_FIELD: FormField = {
  key: 'institutionName',
  type: 'text',
  label: loc('护理服务机构名称', 'Care provider'),
  required: true,
  maxLength: 100,
  help: loc('家护的，填写提供上门服务的定点机构', 'For home care, the designated provider that visits'),
};

/** Where the assessors will see the person. */
const ASSESSMENT_ADDRESS_FIELD: FormField = {
  key: 'assessmentAddress',
  type: 'text',
  label: loc('评估地址', 'Address for the assessment'),
  required: true,
  maxLength: 200,
};

const CONTACT_FIELDS: readonly FormField[] = [
  { key: 'contactName', type: 'personName', label: loc('联系人姓名', 'Contact person'), required: true },
  {
    key: 'contactRelationship',
    type: 'enum',
    label: loc('联系人与申请人关系', 'Contact’s relationship to the applicant'),
    required: true,
    options: [...RELATIONSHIP_OPTIONS],
  },
  { key: 'contactPhone', type: 'phone', label: loc('联系人电话', 'Contact’s phone'), required: true },
];

const APPLICATION_FORM_CODE = 'application_form';

const application: CatalogItemInput = {
  ...TERMS,
  code: 'ltc_application',
  name: loc('长期护理保险待遇申请', 'Application for long-term care benefits'),
  keywords: ['cqhlbxdysq', 'changqihulibaoxiandaiyushenqing'],
  materials: [
    CREDENTIAL,
    {
      code: APPLICATION_FORM_CODE,
      name: loc('《长期护理保险待遇申请表》', 'Application form for long-term care benefits'),
      requirement: 'required',
      deferrable: false,
    },
    {
      code: 'medical_records',
      name: loc('近6个月内的病历资料（诊断证明、出院记录、检查报告等）', 'Medical records of the last 6 months (diagnosis certificate, discharge record, test reports, etc.)'),
      requirement: 'required',
      deferrable: false,
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    INSURANCE_TYPE_FIELD,
    REQUESTED_CARE_MODE_FIELD,
    INSTITUTION_FIELD,
    {
      key: 'livingSituation',
      type: 'enum',
      label: loc('目前居住状况', 'Current living situation'),
      required: true,
      options: [
        { value: 'alone', label: loc('居家独居', 'At home, alone') },
        { value: 'with_family', label: loc('居家与家人同住', 'At home, with family') },
        { value: 'care_home', label: loc('入住养老机构', 'In a care home') },
        { value: 'hospital', label: loc('住院治疗中', 'In hospital') },
      ],
    },
    ASSESSMENT_ADDRESS_FIELD,
    ...CONTACT_FIELDS,
  ],
};

const DISABILITY_LEVEL_OPTIONS: readonly FieldOption[] = [
  { value: '0', label: loc('0级（基本正常）', 'Level 0 (basically normal)') },
  { value: '1', label: loc('1级（轻度失能）', 'Level 1 (mild)') },
  { value: '2', label: loc('2级（中度失能）', 'Level 2 (moderate)') },
  { value: '3', label: loc('3级（重度失能Ⅰ级）', 'Level 3 (severe I)') },
  { value: '4', label: loc('4级（重度失能Ⅱ级）', 'Level 4 (severe II)') },
  { value: '5', label: loc('5级（重度失能Ⅲ级）', 'Level 5 (severe III)') },
];

const reassessment: CatalogItemInput = {
  ...TERMS,
  code: 'ltc_reassessment',
  name: loc('失能等级复评', 'Re-assessment of the disability level'),
  keywords: ['sndjfp', 'shinengdengjifuping'],
  materials: [
    CREDENTIAL,
    {
      code: APPLICATION_FORM_CODE,
      name: loc('《失能等级复评申请表》', 'Application form for re-assessment'),
      requirement: 'required',
      deferrable: false,
    },
    {
      code: 'medical_records',
      name: loc('身体状况变化的病历资料', 'Medical records showing the change in condition'),
      requirement: 'conditional',
      condition: { kind: 'field', field: 'reassessmentReason', oneOf: ['condition_changed'] },
      deferrable: false,
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    {
      key: 'reassessmentReason',
      type: 'enum',
      label: loc('复评原因', 'Reason for re-assessment'),
      required: true,
      options: [
        { value: 'periodic', label: loc('评估结论有效期届满', 'The assessment is due for renewal') },
        { value: 'condition_changed', label: loc('身体状况发生变化', 'The condition has changed') },
        { value: 'objection', label: loc('对评估结论有异议', 'Objection to the assessment') },
      ],
    },
    { key: 'previousLevel', type: 'enum', label: loc('原评估等级', 'Previous level'), required: true, options: [...DISABILITY_LEVEL_OPTIONS] },
    ASSESSMENT_ADDRESS_FIELD,
    ...CONTACT_FIELDS,
  ],
};

const careModeChange: CatalogItemInput = {
  ...TERMS,
  code: 'ltc_care_mode_change',
  name: loc('护理方式变更', 'Change of care mode'),
  keywords: ['hlfsbg', 'hulifangshibiangeng'],
  materials: [
    CREDENTIAL,
    {
      code: APPLICATION_FORM_CODE,
      name: loc('《长期护理保险护理方式变更申请表》', 'Application form for a change of care mode'),
      requirement: 'required',
      deferrable: false,
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    { key: 'currentCareMode', type: 'enum', label: loc('现护理方式', 'Current care mode'), required: true, options: [...CARE_MODE_OPTIONS] },
    REQUESTED_CARE_MODE_FIELD,
    { ...INSTITUTION_FIELD, label: loc('变更后护理服务机构', 'New care provider') },
    { key: 'changeReason', type: 'text', label: loc('变更原因', 'Reason for the change'), required: true, maxLength: 200 },
    { key: 'effectiveDate', type: 'date', label: loc('申请变更日期', 'Change requested from'), required: true },
    ...CONTACT_FIELDS,
  ],
};

export const CARE_ITEMS: readonly CatalogItemInput[] = [application, reassessment, careModeChange];
