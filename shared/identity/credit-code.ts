import { firstBadCharacter, isDigit } from './characters';
import { checkFailure, CREDIT_CODE, emptyFailure, failure } from './failure';
import { normalizeIdInput } from './normalize';
import type { CreditCodeResult } from './types';

/*
 * Unified social credit code (统一社会信用代码, GB 32100-2015), 18 characters:
 *   1     registration-authority code (9 = market regulation, 5 = civil affairs, …)
 *   2     organisation-type code
 *   3-8   administrative region code of the registering authority (digits)
 *   9-17  organisation code
 *   18    check character: (31 − Σ(value × weight) mod 31) mod 31
 * Character set: 0-9 and upper-case letters except I, O, Z, S, V.
 */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // index = character value 0..30
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const; // 3^(i-1) mod 31
const FORBIDDEN_LETTERS = 'IOZSV';

/** The 18th character for the first 17; throws RangeError on characters outside the code's set. */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`expected 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`not a credit-code character: ${JSON.stringify(first17[i])}`);
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeIdInput(input);
  if (code === '') return emptyFailure(CREDIT_CODE);
  if (code.length !== 18) {
    return failure(
      'length',
      `统一社会信用代码长度应为18位，当前为${code.length}位`,
      `A unified social credit code has 18 characters; this one has ${code.length}.`,
    );
  }
  const forbidden = firstBadCharacter(CREDIT_CODE, code, (c) => !FORBIDDEN_LETTERS.includes(c), {
    zh: '统一社会信用代码不使用字母 I、O、Z、S、V',
    en: 'the letters I, O, Z, S and V are never used.',
  });
  if (forbidden) return forbidden;
  const bad = firstBadCharacter(CREDIT_CODE, code, (c) => CHARSET.includes(c), {
    zh: '只能由数字和大写字母组成',
    en: 'only digits and capital letters are allowed.',
  });
  if (bad) return bad;
  const region = firstBadCharacter(CREDIT_CODE, code, (c, i) => i < 2 || i > 7 || isDigit(c), {
    zh: '第3至8位是登记管理机关行政区划码，只能是数字',
    en: 'characters 3 to 8 are the region code of the registering authority and must be digits.',
  });
  if (region) return region;
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return checkFailure(CREDIT_CODE, expected, code[17]!, 17);
  return { ok: true, normalized: code, authority: code[0]!, orgType: code[1]!, regionCode: code.slice(2, 8) };
}
