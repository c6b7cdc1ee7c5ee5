import { failure } from './failure';
import type { DocLabel } from './failure';
import { describeChar } from './normalize';
import type { Failure } from './types';

/**
 * The first character not allowed at its position, as a 'characters' failure naming the
 * position (1-based) and the character; null when every character is allowed.
 */
export function firstBadCharacter(
  doc: DocLabel,
  id: string,
  allowed: (c: string, index: number) => boolean,
  rule: { zh: string; en: string },
): Failure<'characters'> | null {
  for (let i = 0; i < id.length; i++) {
    const c = id[i]!;
    if (!allowed(c, i)) {
      const shown = describeChar(c);
      return failure(
        'characters',
        `${doc.zh}第${i + 1}位是${shown.zh}，不符合要求：${rule.zh}`,
        `Character ${i + 1} of the ${doc.en} is ${shown.en}, which is not allowed: ${rule.en}`,
      );
    }
  }
  return null;
}

export const isDigit = (c: string): boolean => c >= '0' && c <= '9';
export const isLetter = (c: string): boolean => c >= 'A' && c <= 'Z';
