import { z } from 'zod';

/**
 * A person's name as the window takes it: 2–30 characters of Chinese characters (all CJK blocks, so rare
 * characters of the extensions too), letters of any script (ethnic-minority names in Uyghur, Tibetan or
 * Mongolian script, foreign names in Latin or Cyrillic letters, with their combining marks), the name dot `·`
 * between parts (阿依古丽·买买提), and — in a foreign name only — single spaces, hyphens and apostrophes
 * between letters. Leading and trailing spaces are dropped; the look-alike dots a keyboard or an OCR gives
 * (•, ・, ‧, ．, and the full stop between CJK parts) become `·`.
 */

export const PERSON_NAME_MIN = 2;
export const PERSON_NAME_MAX = 30;

const DOT_LOOKALIKES = /[•・‧∙⋅．･]/g;
/** One part: letters (any script) and combining marks. */
const PART = String.raw`[\p{L}\p{M}]+`;
/** Parts joined by `·`, or (between letters of a foreign name) a single space, hyphen or apostrophe. */
const NAME_RE = new RegExp(String.raw`^${PART}(?:(?:·|[ '’\-])${PART})*$`, 'u');

export type PersonNameCheck = { ok: true; name: string } | { ok: false; message: string };

/** The name normalised (trimmed, dots unified, inner spaces single), or why it is not a name. */
export function checkPersonName(input: string, label = '姓名'): PersonNameCheck {
  const name = input
    .normalize('NFC')
    .trim()
    .replace(DOT_LOOKALIKES, '·')
    .replace(/\s*·\s*/g, '·')
    .replace(/\s+/g, ' ');
  if (name === '') return { ok: false, message: `请填写${label}` };
  const length = [...name].length;
  if (length < PERSON_NAME_MIN) return { ok: false, message: `${label}至少 ${PERSON_NAME_MIN} 个字` };
  if (length > PERSON_NAME_MAX) return { ok: false, message: `${label}不能超过 ${PERSON_NAME_MAX} 个字` };
  if (/\d/u.test(name)) return { ok: false, message: `${label}不能含数字` };
  if (!NAME_RE.test(name)) {
    return { ok: false, message: `${label}只能由汉字、字母和间隔号“·”组成（外文姓名的各部分之间可用一个空格）` };
  }
  return { ok: true, name };
}

/** zod: a person's name, normalised; the refusal in the app's own Chinese words. */
export const PersonNameSchema = z.string('姓名应为文字').transform((v, c) => {
  const r = checkPersonName(v);
  if (!r.ok) {
    c.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  }
  return r.name;
});
