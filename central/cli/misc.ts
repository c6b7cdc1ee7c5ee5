import { parseArgs } from 'node:util';
import { pruneChanges } from '../services/retention';
import { openApiYaml } from '../openapi/document';
import { intOption, say, withContext } from './context';

/** `changes prune [--keep N] [--keep-days D]`: drop old changes now (stations behind them resync from a snapshot). */
export async function changesCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { keep: { type: 'string' }, 'keep-days': { type: 'string' } } });
  if (positionals[0] !== 'prune') throw new Error(`未知的 changes 子命令：${positionals[0] ?? '（无）'}`);
  const keep = intOption(values.keep, '--keep');
  const days = intOption(values['keep-days'], '--keep-days');
  await withContext(async (ctx) => {
    const r = await pruneChanges(ctx, { ...(keep !== undefined ? { keepChanges: keep } : {}), ...(days !== undefined ? { keepDays: days } : {}) });
    say(`已删除 ${r.deleted} 条变更；游标早于 ${r.floor} 的工作站需重新下载快照。`);
  });
}

/** `openapi`: the OpenAPI document of the protocol, as YAML on stdout. */
export function openapiCommand(): void {
  process.stdout.write(openApiYaml());
}

export const USAGE = `医保中心同步服务（参考实现）

用法：npm run central -- <命令>

  serve [--host H] [--port P]        启动服务（默认命令）；SQLite 存于 CENTRAL_DATA_DIR（默认 ./central-data），
                                     设置 DATABASE_URL 则用 PostgreSQL
  station issue-code <站点代码> [--region 区划] [--name 名称] [--ttl-hours 小时]
                                     签发一次性开通码（首次须 --region）
  station revoke <站点代码>           停用站点（凭证立即失效）
  station list                       列出站点
  review list [--status submitted] [--station 站点代码] [--limit N]
  review show <caseId>
  review approve <caseId> [--note 意见]
  review return <caseId> --note 退回意见
  review reject <caseId> --reason 理由
  review complete <caseId> [--payout-fen 金额分] [--note 意见]
  publish catalog|policy|calendar|roster <文件.json> --region 区划
  bundle import <文件.ybb>            导入流动服务队带回的离线数据包（重复导入不会重复应用）
  changes prune [--keep N] [--keep-days D]
  openapi                            输出协议的 OpenAPI 文档（YAML）

环境变量：CENTRAL_DATA_DIR, DATABASE_URL, CENTRAL_HOST, CENTRAL_PORT, CENTRAL_ADMIN_TOKEN, CENTRAL_LOG_LEVEL,
CENTRAL_MAX_BODY_BYTES, CENTRAL_CHUNK_MAX_BYTES, CENTRAL_MAX_UPLOAD_BYTES, CENTRAL_KEEP_CHANGES, CENTRAL_KEEP_DAYS
`;
