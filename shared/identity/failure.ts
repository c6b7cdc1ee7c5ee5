import type { Failure } from './types';

/** How a validator names the document in its messages. */
export type DocLabel = { zh: string; en: string };

export const RESIDENT_ID: DocLabel = { zh: '身份证号码', en: 'ID number' };
export const RESIDENCE_PERMIT: DocLabel = { zh: '居住证号码', en: 'residence permit number' };
export const FOREIGN_PR_ID: DocLabel = {
  zh: '外国人永久居留身份证号码',
  en: "foreigner's permanent residence ID number",
};
export const PERSON_ID: DocLabel = { zh: '证件号码', en: 'ID number' };
export const CREDIT_CODE: DocLabel = { zh: '统一社会信用代码', en: 'unified social credit code' };


export function failure<R extends string>(reason: R, message: string, messageEn: string): Failure<R> {
  return { ok: false, reason, message, messageEn };
}

export function emptyFailure(doc: DocLabel): Failure<'empty'> {
  return failure('empty', `请输入${doc.zh}`, `Please enter the ${doc.en}.`);
}

/**
 * A check-character mismatch usually means a mistyped character somewhere else, so the
 * message names the expected character but asks for the whole number to be checked again.
 */
export function checkFailure(doc: DocLabel, expected: string, actual: string, over: number): Failure<'check'> {
  return {
    ok: false,
    reason: 'check',
    message: `${doc.zh}校验位错误：按前${over}位计算应为 ${expected}，实为 ${actual}，请逐位核对整个号码`,
    messageEn:
      `The ${doc.en} has a wrong check character: the first ${over} characters call for ${expected}, ` +
      `not ${actual}. Please check every character of the number.`,
    expectedCheck: expected,
  };
}
