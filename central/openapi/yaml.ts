/**
 * A small YAML writer for JSON-compatible values (block style, two-space indent), enough for the OpenAPI
 * document. Strings are quoted whenever a plain scalar could be read as something else.
 */
const PLAIN_KEY = /^[A-Za-z_/$][A-Za-z0-9_./${}-]*$/;
const PLAIN_STRING = /^[A-Za-z\u4e00-\u9fff（][^:#\n"'`{}[\],&*!|>%@]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  if (s !== '' && PLAIN_STRING.test(s) && !RESERVED.test(s) && s.trim() === s && !s.includes(': ')) return s;
  return JSON.stringify(s);
}

function key(k: string): string {
  return PLAIN_KEY.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k);
}

function isEmpty(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
}

function emit(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (item !== null && typeof item === 'object' && !isEmpty(item)) {
        const lines: string[] = [];
        emit(item, `${indent}  `, lines);
        out.push(`${indent}- ${lines[0]!.slice(indent.length + 2)}`, ...lines.slice(1));
      } else {
        out.push(`${indent}- ${isEmpty(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`);
      }
    }
    return;
  }
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (val === undefined) continue;
    if (val !== null && typeof val === 'object' && !isEmpty(val)) {
      out.push(`${indent}${key(k)}:`);
      emit(val, `${indent}  `, out);
    } else {
      out.push(`${indent}${key(k)}: ${isEmpty(val) ? (Array.isArray(val) ? '[]' : '{}') : scalar(val)}`);
    }
  }
}

export function toYaml(doc: Record<string, unknown>, header = ''): string {
  const out: string[] = [];
  emit(doc, '', out);
  return `${header}${out.join('\n')}\n`;
}
