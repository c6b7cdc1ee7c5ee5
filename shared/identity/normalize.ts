/**
 * Input clean-up shared by the validators: full-width ASCII (typed with a Chinese IME in
 * full-width mode, e.g. "１１０１０５…ｘ") becomes half-width, surrounding whitespace
 * (including the ideographic space U+3000) is trimmed, and letters are upper-cased.
 * Inner characters are left alone so that a stray space is reported, not silently dropped.
 */
export function normalizeIdInput(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .trim()
    .toUpperCase();
}

/** How a character is named in a message: a visible glyph, or a word for whitespace. */
export function describeChar(c: string): { zh: string; en: string } {
  if (/^\s$/.test(c)) return { zh: '空格', en: 'a space' };
  return { zh: `“${c}”`, en: `"${c}"` };
}
