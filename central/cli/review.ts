import { parseArgs } from 'node:util';
import { formatYuan } from '../../shared/money';
import { UuidSchema } from '../../shared/sync/common';
import { CentralCaseStatusSchema } from '../../shared/sync/changes';
import { confirmPayout, getCase, listCases, review, type ReviewAction } from '../services/review';
import { STATUS_LABELS } from '../services/views';
import type { CentralCase } from '../../shared/sync/admin';
import { intOption, need, say, UsageError } from './context';
import { withAccount } from './session';

function caseId(v: string | undefined): string {
  const id = need(v, '案件编号（caseId）');
  if (!UuidSchema.safeParse(id).success) throw new UsageError(`案件编号格式不对：${id}`);
  return id;
}

function show(c: CentralCase): void {
  say(`案件 ${c.caseNo}（${c.caseId}）`);
  say(`  事项 ${c.itemCode}  站点 ${c.stationCode}  参保人 ${c.personName ?? '—'}`);
  say(`  状态 ${STATUS_LABELS[c.status]}${c.materialsPending ? '（容缺材料待补）' : ''}  中心版本 ${c.centralVersion}`);
  if (c.note) say(`  意见 ${c.note}`);
  if (c.reason) say(`  理由 ${c.reason}`);
  if (c.payoutFen !== null) say(`  支付 ${formatYuan(c.payoutFen)} 元`);
}

/**
 * `review list | show | approve | return | reject | complete | confirm-payout` — 后台分类审批, as the signed-in account
 * (`login`): reviewers decide, payers complete; a payout above the threshold waits for another payer's
 * `confirm-payout`.
 */
export async function reviewCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      status: { type: 'string' },
      station: { type: 'string' },
      limit: { type: 'string' },
      note: { type: 'string' },
      reason: { type: 'string' },
      'payout-fen': { type: 'string' },
      reviewer: { type: 'string' },
    },
  });
  const [sub, id] = positionals;
  if (values.reviewer !== undefined) say('提示：--reviewer 已不再使用，决定记在登录的账号名下。');
  const permission = sub === 'complete' || sub === 'confirm-payout' ? 'cases.pay' : sub === 'list' || sub === 'show' ? 'cases.read' : 'cases.review';
  await withAccount(permission, async (ctx, actor) => {
    switch (sub) {
      case 'list': {
        const status = CentralCaseStatusSchema.safeParse(values.status ?? 'submitted');
        if (!status.success) throw new UsageError(`未知状态：${values.status}`);
        let stationId: string | undefined;
        if (values.station) stationId = (await ctx.store.stationByCode(values.station))?.id ?? 'none';
        const cases = await listCases(ctx, actor, { status: status.data, limit: intOption(values.limit, '--limit') ?? 100, ...(stationId ? { stationId } : {}) });
        say(`${STATUS_LABELS[status.data]}的案件：${cases.length} 件`);
        for (const c of cases) {
          say(`${c.caseId}  ${c.caseNo}  ${c.itemCode}  ${c.stationCode}  ${c.personName ?? '—'}  ${c.submittedAt ?? ''}${c.materialsPending ? '  容缺待补' : ''}`);
        }
        return;
      }
      case 'show':
        show(await getCase(ctx, actor, caseId(id)));
        return;
      case 'approve':
      case 'return':
      case 'reject':
      case 'complete': {
        let action: ReviewAction;
        if (sub === 'approve') action = { action: 'approve', note: values.note ?? null };
        else if (sub === 'return') action = { action: 'return', note: need(values.note, '退回意见（--note）') };
        else if (sub === 'reject') action = { action: 'reject', reason: need(values.reason, '不予办理的理由（--reason）') };
        else action = { action: 'complete', payoutFen: intOption(values['payout-fen'], '--payout-fen') ?? null, note: values.note ?? null };
        const r = await review(ctx, actor, caseId(id), action);
        if (r.kind === 'pending') {
          say(`${r.pending.message}。`);
          say(`请另一名支付人员登录后执行：review confirm-payout ${r.pending.caseId} --payout-fen ${r.pending.payoutFen}`);
          return;
        }
        say('已处理，工作站下次同步时收到结果：');
        show(r.case);
        return;
      }
      case 'confirm-payout': {
        const fen = intOption(need(values['payout-fen'], '复核的支付金额（--payout-fen，分）'), '--payout-fen')!;
        const c = await confirmPayout(ctx, actor, caseId(id), fen);
        say('已复核确认并办结，工作站下次同步时收到结果：');
        show(c);
        return;
      }
      default:
        throw new UsageError(`未知的 review 子命令：${sub ?? '（无）'}`);
    }
  });
}
