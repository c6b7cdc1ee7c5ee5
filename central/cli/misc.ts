import { parseArgs } from 'node:util';
import { pruneChanges } from '../services/retention';
import { openApiYaml } from '../openapi/document';
import { intOption, say } from './context';
import { withAccount } from './session';
import { record } from '../services/back-office';

/** `changes prune [--keep N] [--keep-days D]`: drop old changes now (stations behind them resync from a snapshot). */
export async function changesCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { keep: { type: 'string' }, 'keep-days': { type: 'string' } } });
  if (positionals[0] !== 'prune') throw new Error(`未知的 changes 子命令：${positionals[0] ?? '（无）'}`);
  const keep = intOption(values.keep, '--keep');
  const days = intOption(values['keep-days'], '--keep-days');
  await withAccount('changes.prune', async (ctx, actor) => {
    const r = await pruneChanges(ctx, { ...(keep !== undefined ? { keepChanges: keep } : {}), ...(days !== undefined ? { keepDays: days } : {}) });
    await record(ctx, actor, 'changes.prune', 'changelog', null, { deleted: r.deleted, floor: r.floor });
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

  后台账号（每人一个，凭自己的密码登录；以下命令均以登录账号的身份执行并记入中心审计）：
  account create-admin <用户名> --name 姓名
                                     在本机创建第一个管理员（已有管理员时拒绝）
  login <用户名>                      登录（输入密码；非终端时读标准输入第一行），令牌存于 CENTRAL_TOKEN_FILE
  logout | whoami
  account create <用户名> --name 姓名 --role reviewer[,payer,publisher,administrator]
  account list | disable <用户名> | enable <用户名> | roles <用户名> --role … | reset-password <用户名>
  audit list [--after N] [--limit N] | audit verify
                                     中心后台审计记录（哈希链）及其校验（管理员）

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
                                     （支付人员）超过复核限额的支付须另一名支付人员：
  review confirm-payout <caseId> --payout-fen 金额分
  publish catalog|policy|calendar|roster <文件.json> --region 区划
  bundle import <文件.ybb>            导入流动服务队带回的离线数据包（重复导入不会重复应用）
  changes prune [--keep N] [--keep-days D]
  openapi                            输出协议的 OpenAPI 文档（YAML）

环境变量：CENTRAL_DATA_DIR, DATABASE_URL, CENTRAL_DB_POOL_MAX, CENTRAL_BLOB_DIR, CENTRAL_HOST, CENTRAL_PORT, CENTRAL_TLS_CERT, CENTRAL_TLS_KEY, CENTRAL_LOG_LEVEL,
CENTRAL_MAX_BODY_BYTES, CENTRAL_CHUNK_MAX_BYTES, CENTRAL_MAX_UPLOAD_BYTES, CENTRAL_KEEP_CHANGES, CENTRAL_KEEP_DAYS,
CENTRAL_TOKEN_TTL_MINUTES, CENTRAL_PAYOUT_CONFIRM_ABOVE_FEN, CENTRAL_TOKEN_FILE, CENTRAL_TOKEN
`;
