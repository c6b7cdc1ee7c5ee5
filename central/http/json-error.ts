/**
 * Where and why a text is not JSON, in Chinese — JSON.parse's own messages vary between engines and often
 * give no position. A small scanner of the JSON grammar (RFC 8259), run only after JSON.parse has failed.
 */
export interface JsonProblem {
  line: number;
  column: number;
  reason: string;
}

class Fail extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function findJsonProblem(text: string): JsonProblem | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const unexpected = (): never => {
    if (i >= text.length) throw new Fail(i, '内容不完整（意外的结尾）');
    throw new Fail(i, `意外的字符“${text[i]}”`);
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) unexpected();
    i++;
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (i >= text.length) throw new Fail(i, '字符串没有结束引号');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) throw new Fail(i, '字符串中有未转义的控制字符');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Fail(i, '\\u 转义后应为 4 位十六进制');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          throw new Fail(i, '非法的转义字符');
        }
        continue;
      }
      i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') throw new Fail(i, '数字格式不对');
    i += m[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) throw new Fail(i, '嵌套层次过深');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Fail(i, i >= text.length ? '内容不完整（意外的结尾）' : `应为带引号的字段名，却是“${text[i]}”`);
        string();
        ws();
        expect(':');
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect('}');
        return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect(']');
        return;
      }
    }
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    unexpected();
  };
  try {
    value(0);
    ws();
    if (i < text.length) throw new Fail(i, `JSON 结束后还有多余内容“${text[i]}”`);
    return null;
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const before = text.slice(0, e.at);
    const line = before.split('\n').length;
    const column = e.at - before.lastIndexOf('\n');
    return { line, column, reason: e.reason };
  }
}
