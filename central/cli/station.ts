import { parseArgs } from 'node:util';
import { RegionCodeSchema, StationCodeSchema } from '../../shared/sync/common';
import { issueCode, revoke } from '../services/stations';
import { record } from '../services/back-office';
import { intOption, need, say, UsageError } from './context';
import { withAccount } from './session';

const STATES = { pending: '待开通', active: '已开通', revoked: '已停用' } as const;

/** `station issue-code <code> [--region R] [--name N] [--ttl-hours H] | revoke <code> | list`. */
export async function stationCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { region: { type: 'string' }, name: { type: 'string' }, 'ttl-hours': { type: 'string' } },
  });
  const [sub, code] = positionals;
  await withAccount('stations.manage', async (ctx, actor) => {
    switch (sub) {
      case 'issue-code': {
        const stationCode = StationCodeSchema.safeParse(need(code, '站点代码'));
        if (!stationCode.success) throw new UsageError(`站点代码格式不对：${code}（应为4至12位大写字母或数字）`);
        if (values.region !== undefined && !RegionCodeSchema.safeParse(values.region).success) throw new UsageError(`区划代码应为6位数字：${values.region}`);
        const ttl = intOption(values['ttl-hours'], '--ttl-hours');
        const r = await issueCode(ctx, stationCode.data, {
          ...(values.region ? { regionCode: values.region } : {}),
          ...(values.name ? { name: values.name } : {}),
          ...(ttl !== undefined ? { ttlHours: ttl } : {}),
        });
        await record(ctx, actor, 'station.issue_code', 'station', r.stationId, { stationCode: r.stationCode, regionCode: r.regionCode, expiresAt: r.expiresAt });
        say(`站点 ${r.stationCode}（区划 ${r.regionCode}）的一次性开通码：`);
        say(`  ${r.code}`);
        say(`有效期至 ${r.expiresAt}。请当面或电话告知站点管理员，只能使用一次。`);
        return;
      }
      case 'revoke': {
        const s = await revoke(ctx, need(code, '站点代码'));
        await record(ctx, actor, 'station.revoke', 'station', s.id, { stationCode: s.code });
        say(`站点 ${s.code} 已停用：其凭证立即失效。如需恢复，请重新签发开通码。`);
        return;
      }
      case 'list': {
        for (const s of await ctx.store.listStations()) {
          say(`${s.code}  ${s.name}  区划 ${s.regionCode}  ${STATES[s.state]}  已处理到 ${s.lastSeq}  最近联系 ${s.lastSeenAt ?? '—'}`);
        }
        return;
      }
      default:
        throw new UsageError(`未知的 station 子命令：${sub ?? '（无）'}`);
    }
  });
}
