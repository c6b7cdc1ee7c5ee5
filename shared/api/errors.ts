import { z } from 'zod';
import type { SyncErrorCode } from '../sync/errors';
import { LocalizedTextSchema } from '../text';

/**
 * Every refusal crossing a process or network boundary is `{ code, message, field?, retryable }`.
 * `code` is stable (the UI translates it); `message` is a Chinese sentence naming the field; `field` is the
 * dotted path of the offending input field when there is one.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'not_signed_in',
  'forbidden',
  'not_found',
  'conflict',
  'duplicate',
  'illegal_transition',
  'reason_required',
  'materials_missing',
  'setup_required',
  'already_set_up',
  'bad_credentials',
  'account_disabled',
  'too_many_attempts',
  'session_expired',
  'password_change_required',
  'store_error',
  'store_locked',
  'internal',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/**
 * The API's codes are snake_case (this contract, between the UI and the core); the sync protocol's are
 * kebab-case (HTTP, between a station and central: shared/sync/errors). Where central's refusal becomes the
 * answer to a channel, it is mapped here, once.
 */
export const API_CODE_OF_SYNC_ERROR: Readonly<Record<SyncErrorCode, ErrorCode>> = {
  'bad-json': 'invalid_input',
  'invalid-request': 'invalid_input',
  'protocol-unsupported': 'invalid_input',
  unauthenticated: 'forbidden',
  'enroll-refused': 'forbidden',
  'station-revoked': 'forbidden',
  'station-mismatch': 'forbidden',
  forbidden: 'forbidden',
  'not-found': 'not_found',
  conflict: 'conflict',
  'out-of-order': 'conflict',
  'offset-mismatch': 'conflict',
  'illegal-transition': 'illegal_transition',
  'reset-required': 'conflict',
  'payload-too-large': 'invalid_input',
  'unsupported-media-type': 'invalid_input',
  'checksum-mismatch': 'invalid_input',
  'too-many-requests': 'internal',
  internal: 'internal',
  unavailable: 'internal',
};

export const MissingMaterialSchema = z.strictObject({
  code: z.string(),
  name: LocalizedTextSchema,
  /** May follow later under 容缺受理. */
  deferrable: z.boolean(),
});
export type MissingMaterial = z.infer<typeof MissingMaterialSchema>;

export const ApiErrorSchema = z.strictObject({
  code: ErrorCodeSchema,
  message: z.string().min(1),
  field: z.string().optional(),
  retryable: z.boolean(),
  /** With `materials_missing`: the 一次性告知 list of everything missing. */
  missing: z.array(MissingMaterialSchema).optional(),
  /** With `materials_missing` when 容缺 is possible: the latest promise date allowed (YYYY-MM-DD). */
  latestPromiseDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function apiError(code: ErrorCode, message: string, extra: Partial<Omit<ApiError, 'code' | 'message'>> = {}): ApiError {
  return { code, message, retryable: false, ...extra };
}

/** An error a service throws to refuse a request; the router turns it into an ApiError. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiFailure';
  }
}

export function fail(code: ErrorCode, message: string, extra: Partial<Omit<ApiError, 'code' | 'message'>> = {}): never {
  throw new ApiFailure(apiError(code, message, extra));
}

/** Chinese names of input fields, for messages such as "身份证号：校验位错误". */
const FIELD_NAMES: Record<string, string> = {
  idNumber: '证件号码',
  name: '姓名',
  phone: '联系电话',
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  userId: '账号',
  displayName: '显示名称',
  role: '角色',
  itemCode: '事项',
  personId: '参保人',
  caseId: '案件',
  version: '版本',
  reason: '原因',
  promiseDate: '承诺补齐日期',
  materialsReceived: '已收材料',
  received: '已收材料',
  form: '表单',
  proxy: '代办人信息',
  q: '搜索内容',
  code: '编码',
  regionCode: '区划代码',
  limit: '条数',
  offset: '起始位置',
};

export function fieldLabel(path: string): string {
  const parts = path.split('.');
  // Own keys only: a path part such as "constructor" must not pick up Object.prototype's members.
  const named = parts.map((p) => (Object.hasOwn(FIELD_NAMES, p) ? FIELD_NAMES[p] : undefined)).filter((n): n is string => n !== undefined);
  return named.length > 0 ? named[named.length - 1]! : path;
}

/** Turn the first zod issue into an `invalid_input` error naming the field. */
export function errorFromZod(error: z.ZodError, prefix?: string): ApiError {
  const issue = error.issues[0];
  if (!issue) return apiError('invalid_input', '输入不正确');
  const path = [prefix, ...issue.path.map(String)].filter((p): p is string => p !== undefined && p !== '').join('.');
  const label = path === '' ? '输入' : fieldLabel(path);
  const message = chineseIssue(issue);
  return apiError('invalid_input', `${label}：${message}`, path === '' ? {} : { field: path });
}

/** The Chinese sentence for one zod issue (without the field's name): 必填, 类型不对（应为…）, 不能超过 … — central's validation says the same. */
export function chineseIssue(issue: z.core.$ZodIssue): string {
  // A schema's own Chinese message (z.string().min(1, '请填写原因'), .regex(re, '站点编码应为…')) says it best.
  if (issue.code !== 'invalid_type' && issue.code !== 'unrecognized_keys' && hasChinese(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (isMissing(issue)) return '必填';
      return hasChinese(issue.message) ? issue.message : `类型不对（应为${typeName(issue.expected)}）`;
    case 'unrecognized_keys':
      return `含有未知字段 ${issue.keys.join('、')}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${issue.minimum} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${issue.minimum} 项`;
      return issue.inclusive === false ? `须大于 ${issue.minimum}` : `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `不能超过 ${issue.maximum} 个字符`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${issue.maximum} 项`;
      return issue.inclusive === false ? `须小于 ${issue.maximum}` : `不能大于 ${issue.maximum}`;
    case 'invalid_value':
      return '不是允许的值';
    default:
      return '格式不对';
  }
}

function hasChinese(s: string): boolean {
  return /[\u4e00-\u9fff]/.test(s);
}

/**
 * Whether an invalid_type issue is about an absent value. zod 4 keeps the input on an issue only when parsing
 * with `reportInput`; otherwise its default message ("…, received undefined") is all that tells.
 */
function isMissing(issue: z.core.$ZodIssueInvalidType): boolean {
  if ('input' in issue) return issue.input === undefined;
  return /received undefined$/.test(issue.message);
}

function typeName(t: string): string {
  return (
    { string: '文字', number: '数字', int: '整数', boolean: '是/否', object: '对象', record: '对象', array: '列表', date: '日期' } as Record<string, string>
  )[t] ?? t;
}
