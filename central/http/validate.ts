import type { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { chineseIssue, fieldLabel } from '../../shared/api/errors';
import { fail } from '../services/errors';

/** Chinese names of protocol fields, beyond those shared/api knows. */
const NAMES: Record<string, string> = {
  protocol: '协议版本',
  stationId: '站点编号',
  stationCode: '站点代码',
  ops: '操作列表',
  seq: '序号',
  opId: '操作编号',
  kind: '操作类型',
  payload: '操作内容',
  baseVersion: '基础版本',
  createdAt: '创建时间',
  cursor: '同步游标',
  sha256: 'sha256',
  size: '大小',
  mime: '文件类型',
  note: '意见',
  reason: '理由',
  payoutFen: '支付金额（分）',
  items: '事项列表',
  tables: '政策表列表',
  years: '年度列表',
  rows: '花名册行',
  page: '分页标记',
};

function label(path: string): string {
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const n = NAMES[parts[i]!];
    if (n) return n;
  }
  return fieldLabel(path);
}

/**
 * The Chinese sentence for an issue: shared with the station's API (shared/api/errors), which tells an absent value
 * (必填) from one of the wrong type (类型不对, naming the type expected) — zod 4 keeps no input on an issue, so
 * `issue.input === undefined` held for every wrong type too and called them all 必填.
 */
function message(issue: z.core.$ZodIssue): string {
  return chineseIssue(issue);
}

/** Parse a request part with its schema; a mismatch is a 400 `invalid-request` naming the field in Chinese. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = [prefix, ...issue.path.map(String)].filter((p): p is string => p !== undefined && p !== '').join('.');
  const where = path === '' ? '请求' : `${label(path)}（${path}）`;
  return fail('invalid-request', `${where}：${message(issue)}`, path === '' ? {} : { field: path });
}

/** Send a response body after checking it against its schema (a server bug must not reach a station). */
export function sendValid<S extends z.ZodType>(reply: FastifyReply, schema: S, body: z.input<S>, status = 200): FastifyReply {
  const r = schema.safeParse(body);
  if (!r.success) {
    reply.log.error({ issues: r.error.issues.slice(0, 5) }, 'response does not match its schema');
    return fail('internal', '中心系统生成的应答不符合协议，请联系运维');
  }
  return reply.code(status).send(body);
}
