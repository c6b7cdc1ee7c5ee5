import { COMMON_PASSWORDS } from './common-passwords';

/** The password rule (issue 13): at least 10 characters, not of one character class only, not the user name, not common. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set(COMMON_PASSWORDS);

/** Classes: lower-case letters, upper-case letters, digits, anything else (punctuation, spaces, 汉字 …). */
function classesOf(password: string): number {
  let lower = false;
  let upper = false;
  let digit = false;
  let other = false;
  for (const ch of password) {
    if (ch >= 'a' && ch <= 'z') lower = true;
    else if (ch >= 'A' && ch <= 'Z') upper = true;
    else if (ch >= '0' && ch <= '9') digit = true;
    else other = true;
  }
  return Number(lower) + Number(upper) + Number(digit) + Number(other);
}

/**
 * Why a password does not meet the rule (a Chinese sentence for the form), or null when it does. `username`
 * is the account's user name: a password containing it (any case) is refused.
 */
export function passwordProblem(password: string, username?: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符`;
  if (classesOf(password) < 2) return '密码不能只用一类字符：请混用字母、数字或符号';
  const lower = password.toLowerCase();
  const name = username?.trim().toLowerCase() ?? '';
  if (name.length > 0 && lower.includes(name)) return '密码不能包含用户名';
  if (COMMON.has(lower)) return '这是常见密码，容易被猜中：请换一个';
  return null;
}
