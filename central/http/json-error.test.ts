import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonProblem } from './json-error';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('findJsonProblem', () => {
  it('points at the line, column and reason', () => {
    expect(findJsonProblem('{"a": [1, 2,, 3]}')).toEqual({ line: 1, column: 13, reason: '意外的字符“,”' });
    expect(findJsonProblem('{\n  "a": 1,\n  b: 2\n}')).toEqual({ line: 3, column: 3, reason: '应为带引号的字段名，却是“b”' });
    expect(findJsonProblem('{"a": "x')?.reason).toBe('字符串没有结束引号');
    expect(findJsonProblem('[1, 2')?.reason).toBe('内容不完整（意外的结尾）');
    expect(findJsonProblem('{} x')?.reason).toContain('多余内容');
    expect(findJsonProblem('01')?.reason).toContain('多余内容');
    expect(findJsonProblem('"\\x"')?.reason).toBe('非法的转义字符');
  });

  it('agrees with JSON.parse on what is JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => findJsonProblem(JSON.stringify(v, null, 1)) === null));
    const alphabet = fc.constantFrom('{', '}', '[', ']', '"', ':', ',', ' ', '1', '0', '-', '.', 'e', 'a', 't', 'r', 'u', 'n', 'l', '\\', '\n');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (chars) => {
        const text = chars.join('');
        expect(findJsonProblem(text) === null).toBe(parses(text));
      }),
      { numRuns: 3000 },
    );
  });
});
