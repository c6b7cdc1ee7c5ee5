import ExcelJS from 'exceljs';
import type { CoreContext } from '../../context';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { Figures } from '../../../shared/api/channels/stats';
import { minutesText, percentText } from '../../../shared/front/stats';
import { RATING_LEVEL_NAMES, RATING_REASON_NAMES } from '../../../shared/front/ratings';
import { nowInstant, today, type LocalDate } from '../../../shared/time';
import { station } from '../../reference/station';
import { figures } from './figures';

/**
 * The daily (日报) and monthly (月报) reports as .xlsx workbooks, written with exceljs: a summary sheet laid out for
 * A4 printing, then one sheet per table (windows, items, days, ratings). The same figures as the screen.
 */

const FAMILY_NAMES: Record<string, string> = { enrollment: '参保登记类', reimbursement: '待遇报销类', care: '长期护理类' };

type Row = (string | number | null)[];

function sheet(wb: ExcelJS.Workbook, name: string, title: string, header: string[], rows: Row[], widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  ws.columns = widths.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, header.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { bold: true, size: 14 };
  t.alignment = { horizontal: 'center' };
  const h = ws.addRow(header);
  h.font = { bold: true };
  h.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } };
    c.border = { bottom: { style: 'thin' } };
  });
  for (const r of rows) ws.addRow(r);
  ws.pageSetup.printTitlesRow = '2:2';
  return ws;
}

export async function reportWorkbook(ctx: CoreContext, f: Figures, kind: 'daily' | 'monthly'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = station(ctx)?.name ?? '';
  wb.created = new Date(ctx.clock.now());
  const stationName = station(ctx)?.name ?? '';
  const periodText = f.period.from === f.period.to ? f.period.from : `${f.period.from} 至 ${f.period.to}`;
  const title = `${stationName} ${kind === 'daily' ? '日报' : '月报'}（${periodText}）`;

  sheet(
    wb,
    '概况',
    title,
    ['指标', '数值', '说明'],
    [
      ['取号数', f.tickets.issued, `其中绿色通道 ${f.tickets.priority}，预约 ${f.tickets.appointments}`],
      ['已办结（叫号服务完成）', f.tickets.served, `过号 ${f.tickets.skipped}`],
      ['等候时长中位数（分钟）', minutesText(f.waiting.medianSec), `P90：${minutesText(f.waiting.p90Sec)} 分钟（${f.waiting.count} 人）`],
      ['办理时长中位数（分钟）', minutesText(f.service.medianSec), `P90：${minutesText(f.service.p90Sec)} 分钟`],
      ['受理件数', f.cases.takenIn, f.cases.byFamily.map((x) => `${FAMILY_NAMES[x.family]} ${x.count}`).join('，')],
      ['办结件数', f.completion.completed, `按时办结 ${f.completion.onTime}`],
      ['按时办结率', percentText(f.completion.rate), '在事项办理时限内（按工作日历）办结'],
      ['当前超期件数', f.overdue, '未办结且已过办理时限'],
      ['容缺承诺到期', f.rongqueDue, `承诺补齐日期在 ${f.period.to} 及以前、尚未补齐`],
      ['评价数', f.ratings.total, RATING_LEVELS_TEXT(f)],
      ['好评率', percentText(f.ratings.satisfactionRate), `差评 ${f.ratings.bad}${f.ratings.setAside > 0 ? `，申诉成立不计 ${f.ratings.setAside}` : ''}`],
      ['未办结回访整改', f.followUps.open, `其中超期 ${f.followUps.overdue}`],
      ['生成时间', f.generatedAt.slice(0, 19).replace('T', ' '), f.estimatedYears.length > 0 ? `注意：${f.estimatedYears.join('、')} 年无官方节假日数据，按周一至周五计算` : ''],
    ],
    [28, 16, 60],
  );

  sheet(
    wb,
    '窗口',
    `${title} · 各窗口`,
    ['窗口', '叫号数', '办结数', '等候中位数(分)', '等候P90(分)', '办理中位数(分)', '办理P90(分)'],
    f.windows.map((w) => [w.windowName, w.calls, w.served, minutesText(w.waitMedianSec), minutesText(w.waitP90Sec), minutesText(w.serviceMedianSec), minutesText(w.serviceP90Sec)]),
    [14, 10, 10, 16, 14, 16, 14],
  );

  sheet(
    wb,
    '事项',
    `${title} · 受理事项`,
    ['类别', '事项代码', '事项名称', '件数'],
    f.cases.byItem.map((i) => [FAMILY_NAMES[i.family] ?? i.family, i.itemCode, i.itemName['zh-CN'], i.count]),
    [14, 30, 40, 10],
  );

  sheet(
    wb,
    kind === 'daily' ? '分时' : '每日',
    `${title} · ${kind === 'daily' ? '分时段' : '每日'}`,
    [kind === 'daily' ? '时段' : '日期', '取号', '办结', '受理件数', '评价', '好评'],
    f.series.map((s) => [s.label, s.issued, s.served, s.takenIn, s.ratings, s.good]),
    [14, 10, 10, 12, 10, 10],
  );

  const ratings = ctx.repos.front.ratingsBetween(f.period.from, f.period.to);
  sheet(
    wb,
    '评价',
    `${title} · 好差评明细`,
    ['时间', '窗口', '号码/案件', '评价', '原因', '意见', '评价人'],
    ratings.map((r) => [
      r.at.slice(0, 16).replace('T', ' '),
      r.windowNo,
      r.caseNos.join('、') || (r.ticketId ? (ctx.repos.front.ticketById(r.ticketId)?.number ?? '') : ''),
      RATING_LEVEL_NAMES[r.level],
      r.reasons.map((x) => RATING_REASON_NAMES[x]).join('、'),
      r.comment,
      r.rater === 'proxy' ? '代办人' : '本人',
    ]),
    [18, 8, 26, 12, 20, 40, 10],
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}

function RATING_LEVELS_TEXT(f: Figures): string {
  return ([5, 4, 3, 2, 1] as const).map((l) => `${RATING_LEVEL_NAMES[l]} ${f.ratings.byLevel[l]}`).join('，');
}

export async function exportReport(ctx: CoreContext, me: SessionUser, report: 'daily' | 'monthly', day: LocalDate | undefined): Promise<{ fileName: string; mime: string; base64: string }> {
  const d = day ?? today(ctx.clock);
  const f = figures(ctx, report === 'daily' ? 'day' : 'month', d);
  const bytes = await reportWorkbook(ctx, f, report);
  const code = station(ctx)?.code ?? 'station';
  const fileName = report === 'daily' ? `日报_${code}_${d}.xlsx` : `月报_${code}_${d.slice(0, 7)}.xlsx`;
  ctx.txRelaxed(() =>
    ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: me.id, actorName: me.displayName, action: 'stats.export', entity: 'report', entityId: null, detail: { report, from: f.period.from, to: f.period.to } }),
  );
  return { fileName, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: bytes.toString('base64') };
}
