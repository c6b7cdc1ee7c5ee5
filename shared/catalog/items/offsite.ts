import type { LocalizedText } from '../../text';
import type { CatalogItemInput, FormField } from '../types';
import { CREDENTIAL, GUIDE_SOURCE, INSURANCE_TYPE_FIELD, PHONE_FIELD, PROXY_MATERIALS, loc } from './common';

/** Out-of-area care filings (异地就医备案): all settled on the spot at the town window. */

const GROUP = loc('异地就医备案', 'Out-of-area care filing');

const DESTINATION_FIELD: FormField = {
  key: 'destinationRegionCode',
  type: 'regionCode',
  label: loc('就医地区划代码', 'Region code of the place of care'),
  required: true,
  help: loc('备案的就医地（省内或跨省）6位区划代码', '6-digit region code of the filed place of care, in or outside the province'),
};

const START_DATE_FIELD: FormField = {
  key: 'startDate',
  type: 'date',
  label: loc('备案开始日期', 'Filing starts on'),
  required: true,
};

const COMMITMENT_LETTER_VALUE = 'commitment_letter';

/**
 * A filing whose qualification is shown either by a proof or by the person's own commitment
 * (承诺书, 告知承诺制): the field `proofType` says which, and the materials follow it.
 */
function proofOrCommitmentFiling(spec: {
  code: string;
  name: LocalizedText;
  keywords: string[];
  proofValue: string;
  proofLabel: LocalizedText;
  proofMaterialName: LocalizedText;
}): CatalogItemInput {
  return {
    code: spec.code,
    family: 'reimbursement',
    group: GROUP,
    name: spec.name,
    keywords: spec.keywords,
    mode: 'on_the_spot',
    limitWorkingDays: 0,
    rongque: null,
    lowestLevel: 'town',
    proxyAllowed: true,
    materials: [
      CREDENTIAL,
      {
        code: spec.proofValue,
        name: spec.proofMaterialName,
        requirement: 'conditional',
        condition: { kind: 'field', field: 'proofType', oneOf: [spec.proofValue] },
        deferrable: false,
      },
      {
        code: COMMITMENT_LETTER_VALUE,
        name: loc('《异地就医备案个人承诺书》', 'Personal commitment letter for out-of-area care filing'),
        requirement: 'conditional',
        condition: { kind: 'field', field: 'proofType', oneOf: [COMMITMENT_LETTER_VALUE] },
        deferrable: false,
        note: loc('本人签字，承诺所述情况属实；事后核查不实的，按规定追回费用', 'Signed by the person, who commits that the facts are true; costs are recovered if a later check finds otherwise'),
      },
      ...PROXY_MATERIALS,
    ],
    fields: [
      INSURANCE_TYPE_FIELD,
      DESTINATION_FIELD,
      START_DATE_FIELD,
      {
        key: 'proofType',
        type: 'enum',
        label: loc('证明方式', 'How it is shown'),
        required: true,
        options: [
          { value: spec.proofValue, label: spec.proofLabel },
          { value: COMMITMENT_LETTER_VALUE, label: loc('个人承诺书', 'Personal commitment letter') },
        ],
      },
      PHONE_FIELD,
    ],
    source: GUIDE_SOURCE,
  };
}

const retireeFiling = proofOrCommitmentFiling({
  code: 'offsite_retiree_filing',
  name: loc('异地安置退休人员备案', 'Filing of a retiree settled elsewhere'),
  keywords: ['ydaztxryba', 'yidianzhituixiurenyuanbeian'],
  proofValue: 'residence_proof',
  proofLabel: loc('安置地户籍或居住证明', 'Hukou or residence proof at the new home'),
  proofMaterialName: loc('安置地户籍证明或居住证明', 'Proof of hukou or residence at the place of settlement'),
});

const longTermResidenceFiling = proofOrCommitmentFiling({
  code: 'offsite_long_term_residence_filing',
  name: loc('异地长期居住人员备案', 'Filing of a person living elsewhere long-term'),
  keywords: ['ydcqjzryba', 'yidichangqijuzhurenyuanbeian'],
  proofValue: 'residence_proof',
  proofLabel: loc('居住证或居住证明', 'Residence permit or residence proof'),
  proofMaterialName: loc('居住地居住证或居住证明', 'Residence permit or residence proof of the place of residence'),
});

const workFiling = proofOrCommitmentFiling({
  code: 'offsite_work_filing',
  name: loc('常驻异地工作人员备案', 'Filing of a person working elsewhere'),
  keywords: ['czydgzryba', 'changzhuyidigongzuorenyuanbeian'],
  proofValue: 'work_proof',
  proofLabel: loc('异地工作证明', 'Proof of work elsewhere'),
  proofMaterialName: loc('异地工作证明（单位派驻证明、劳动合同等）', 'Proof of work elsewhere (posting letter, labour contract, etc.)'),
});

/** A referral rests on the hospital's referral certificate; a commitment cannot replace it. */
const referralFiling: CatalogItemInput = {
  code: 'offsite_referral_filing',
  family: 'reimbursement',
  group: GROUP,
  name: loc('异地转诊人员备案', 'Filing of a referral to another region'),
  keywords: ['ydzzryba', 'yidizhuanzhenrenyuanbeian'],
  mode: 'on_the_spot',
  limitWorkingDays: 0,
  rongque: null,
  lowestLevel: 'town',
  proxyAllowed: true,
  materials: [
    CREDENTIAL,
    {
      code: 'referral_certificate',
      name: loc('具备转诊资质的定点医疗机构出具的转诊证明', 'Referral certificate from a designated hospital entitled to refer'),
      requirement: 'required',
      deferrable: false,
      note: loc('医院已通过信息系统上传转诊信息的免于提供', 'Not needed when the hospital has uploaded the referral'),
    },
    ...PROXY_MATERIALS,
  ],
  fields: [
    INSURANCE_TYPE_FIELD,
    DESTINATION_FIELD,
    { key: 'referringHospital', type: 'text', label: loc('转出医院', 'Referring hospital'), required: true, maxLength: 100 },
    { key: 'receivingHospital', type: 'text', label: loc('转入医院', 'Receiving hospital'), required: true, maxLength: 100 },
    { key: 'diagnosis', type: 'text', label: loc('诊断', 'Diagnosis'), required: true, maxLength: 200 },
    START_DATE_FIELD,
    PHONE_FIELD,
  ],
  source: GUIDE_SOURCE,
};

export const OFFSITE_FILING_ITEMS: readonly CatalogItemInput[] = [retireeFiling, longTermResidenceFiling, workFiling, referralFiling];
