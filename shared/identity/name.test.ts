import { describe, expect, it } from 'vitest';
import { checkPersonName, PersonNameSchema } from './name';

describe('checkPersonName: 2–30 characters of CJK, letters and ·, trimmed', () => {
  it.each([
    ['王秀英', '王秀英'],
    ['  李四 ', '李四'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    // Look-alike dots and spaces around the dot become one ·.
    ['阿依古丽•买买提', '阿依古丽·买买提'],
    ['阿依古丽・买买提', '阿依古丽·买买提'],
    ['阿依古丽 · 买买提', '阿依古丽·买买提'],
    ['John Smith', 'John Smith'],
    ['JOHN  SMITH', 'JOHN SMITH'],
    ["Mary-Jane O'Neil", "Mary-Jane O'Neil"],
    ['Zoë Müller', 'Zoë Müller'],
    ['Иван Петров', 'Иван Петров'],
    ['𠮷野家', '𠮷野家'],
    ['欧阳', '欧阳'],
    ['a'.repeat(30), 'a'.repeat(30)],
  ])('accepts %j as %j', (input, name) => {
    expect(checkPersonName(input)).toEqual({ ok: true, name });
  });

  it.each([
    ['', '请填写姓名'],
    ['   ', '请填写姓名'],
    ['王', '姓名至少 2 个字'],
    ['a'.repeat(31), '姓名不能超过 30 个字'],
    ['王秀英1', '姓名不能含数字'],
    ['王秀英（母）', '只能由汉字、字母和间隔号'],
    ['·王秀英', '只能由汉字、字母和间隔号'],
    ['王秀英·', '只能由汉字、字母和间隔号'],
    ['阿依古丽··买买提', '只能由汉字、字母和间隔号'],
    ['王_秀英', '只能由汉字、字母和间隔号'],
    ['<script>', '只能由汉字、字母和间隔号'],
  ])('refuses %j: %s', (input, message) => {
    const r = checkPersonName(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  it('names the field it was asked about', () => {
    expect(checkPersonName('', '代办人姓名')).toEqual({ ok: false, message: '请填写代办人姓名' });
  });

  it('as a zod schema: the normalised name, or the Chinese refusal', () => {
    expect(PersonNameSchema.parse(' 阿依古丽•买买提 ')).toBe('阿依古丽·买买提');
    const r = PersonNameSchema.safeParse('王');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('姓名至少 2 个字');
  });
});
