import { z } from 'zod';
import { errorFromZod, fieldLabel, type ApiError } from '../../../shared/api/errors';

/** Field errors keyed by dotted path (as the core names them in `error.field`). */
export type FieldErrors = Record<string, string>;

/** The field error an API refusal carries, stripped of a prefix (e.g. `form.`), or none. */
export function fieldErrorFrom(error: ApiError | null, prefix = ''): FieldErrors {
  if (!error?.field) return {};
  const f = error.field;
  if (prefix && !f.startsWith(prefix)) return {};
  return { [f.slice(prefix.length)]: messageOnly(error.message) };
}

/** "证件号码：校验位错误" → "校验位错误" (the label is already beside the field). */
export function messageOnly(message: string): string {
  const i = message.indexOf('：');
  return i > 0 && i < 20 ? message.slice(i + 1) : message;
}

/** All issues of a zod error as field errors in Chinese, worded as the core words them (first message per path). */
export function zodFieldErrors(error: z.ZodError, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    if (path in out) continue;
    // A schema's own Chinese message says most (e.g. "站点编码应为4至12位大写字母或数字"); otherwise the core's wording.
    if (/[\u4e00-\u9fff]/.test(issue.message)) {
      out[path] = issue.message;
      continue;
    }
    const api = errorFromZod(new z.ZodError([issue]));
    // The core words it "<label>：<message>"; beside the field the label is already there.
    const ownPath = issue.path.map(String).join('.');
    const label = ownPath === '' ? '输入' : fieldLabel(ownPath);
    out[path] = api.message.startsWith(`${label}：`) ? api.message.slice(label.length + 1) : messageOnly(api.message);
  }
  return out;
}
