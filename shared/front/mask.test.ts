import { describe, expect, it } from 'vitest';
import { maskName } from './mask';

describe('masked names on public screens', () => {
  it.each([
    ['张三兰', '张*兰'],
    ['张兰', '张*'],
    ['欧阳娜娜', '欧**娜'],
    ['王', '*'],
    [' 李 四 ', '李*'],
    ['阿卜杜·热合曼', '阿****曼'],
    ['𠮷田花', '𠮷*花'],
    ['John Smith', 'J*** S****'],
    ["O'Neil", "O'N***"],
    ['', null],
    ['   ', null],
    [null, null],
  ] as const)('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('never shows more than the first and last character of a Chinese name', () => {
    for (const name of ['张三', '张三兰', '诸葛孔明', '爱新觉罗溥仪']) {
      const m = maskName(name)!;
      expect([...m].filter((c) => c !== '*').length).toBeLessThanOrEqual(2);
      expect([...m].length).toBe([...name].length);
    }
  });
});
