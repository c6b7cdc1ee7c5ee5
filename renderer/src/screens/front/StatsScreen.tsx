import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Figures } from '../../../../shared/api/channels/stats';
import { minutesText, percentText } from '../../../../shared/front/stats';
import { api } from '../../api/client';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useApiEvent } from '../../hooks/useApiEvent';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useNotify } from '../../state/notify';
import { Chart, type ChartOption } from './Chart';
import { paths } from '../../lib/router';
import { downloadBase64 } from '../../lib/download';
import '../../styles/front.css';

type Period = 'day' | 'week' | 'month';

/**
 * 今日数据 (the supervisor's): today, this week or this month in figures — tickets, waiting and service times per
 * window, cases by family and item, on-time completion, overdue, 容缺 promises due, 好差评 and open follow-ups — with
 * charts, the 日报/月报 printed on A4 (this page's print layout) and exported as .xlsx (made by the core).
 */
export default function StatsScreen() {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [period, setPeriod] = useState<Period>('day');
  const q = useApiQuery('stats.figures', { period }, true);
  useApiEvent('front.changed', () => q.reload());
  useApiEvent('cases.changed', () => q.reload());
  const f = q.data;

  const exportXlsx = async (report: 'daily' | 'monthly') => {
    const r = await api().invoke('stats.export', { report });
    if (!r.ok) notify('error', r.error.message);
    else {
      downloadBase64(r.value.fileName, r.value.mime, r.value.base64);
      notify('success', t('frontOffice.stats.exported', { name: r.value.fileName }));
    }
  };

  return (
    <div className="stats-screen document-screen">
      <ScreenHeading>{t('frontOffice.stats.title')}</ScreenHeading>
      <div className="stats-toolbar no-print">
        <div role="tablist" aria-label={t('frontOffice.stats.period')} className="tabs">
          {(['day', 'week', 'month'] as const).map((p) => (
            <button key={p} type="button" role="tab" aria-selected={period === p} onClick={() => setPeriod(p)}>
              {t(`frontOffice.stats.periods.${p}`)}
            </button>
          ))}
        </div>
        <a href={paths.followups()} className="button-link">
          {t('frontOffice.stats.toFollowUps')}
        </a>
        <button type="button" onClick={() => window.print()}>
          {t(period === 'month' ? 'frontOffice.stats.printMonthly' : 'frontOffice.stats.printDaily')}
        </button>
        <button type="button" onClick={() => void exportXlsx('daily')}>
          {t('frontOffice.stats.exportDaily')}
        </button>
        <button type="button" onClick={() => void exportXlsx('monthly')}>
          {t('frontOffice.stats.exportMonthly')}
        </button>
      </div>
      <ErrorBanner error={q.error} />
      {f ? <FiguresView f={f} /> : null}
    </div>
  );
}

function FiguresView({ f }: { f: Figures }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const periodText = f.period.from === f.period.to ? f.period.from : `${f.period.from} – ${f.period.to}`;
  const kpis: { key: string; label: string; value: string; note?: string; warn?: boolean }[] = [
    { key: 'issued', label: t('frontOffice.stats.issued'), value: String(f.tickets.issued), note: t('frontOffice.stats.servedNote', { served: f.tickets.served, skipped: f.tickets.skipped }) },
    { key: 'wait', label: t('frontOffice.stats.waitMedian'), value: `${minutesText(f.waiting.medianSec)} ${t('frontOffice.stats.min')}`, note: `P90 ${minutesText(f.waiting.p90Sec)} ${t('frontOffice.stats.min')}` },
    { key: 'service', label: t('frontOffice.stats.serviceMedian'), value: `${minutesText(f.service.medianSec)} ${t('frontOffice.stats.min')}`, note: `P90 ${minutesText(f.service.p90Sec)} ${t('frontOffice.stats.min')}` },
    { key: 'takenIn', label: t('frontOffice.stats.takenIn'), value: String(f.cases.takenIn) },
    { key: 'onTime', label: t('frontOffice.stats.onTime'), value: percentText(f.completion.rate), note: t('frontOffice.stats.onTimeNote', { onTime: f.completion.onTime, completed: f.completion.completed }) },
    { key: 'overdue', label: t('frontOffice.stats.overdue'), value: String(f.overdue), warn: f.overdue > 0 },
    { key: 'rongque', label: t('frontOffice.stats.rongqueDue'), value: String(f.rongqueDue), warn: f.rongqueDue > 0 },
    { key: 'satisfaction', label: t('frontOffice.stats.satisfaction'), value: percentText(f.ratings.satisfactionRate), note: t('frontOffice.stats.ratingsNote', { total: f.ratings.total, bad: f.ratings.bad }) },
    { key: 'followUps', label: t('frontOffice.stats.followUps'), value: String(f.followUps.open), note: t('frontOffice.stats.followUpsOverdue', { n: f.followUps.overdue }), warn: f.followUps.overdue > 0 },
  ];
  const series: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: f.series.map((s) => (f.period.kind === 'day' ? s.label : s.label.slice(5))) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('frontOffice.stats.issued'), type: 'bar', data: f.series.map((s) => s.issued) },
        { name: t('frontOffice.stats.served'), type: 'bar', data: f.series.map((s) => s.served) },
        { name: t('frontOffice.stats.takenIn'), type: 'line', data: f.series.map((s) => s.takenIn) },
      ],
    }),
    [f, t],
  );
  const families: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: f.cases.byFamily.map((x) => ({ name: t(`frontOffice.stats.family.${x.family}`), value: x.count })) }],
    }),
    [f, t],
  );
  const levels: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 80, right: 16, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: ([1, 2, 3, 4, 5] as const).map((l) => t(`frontOffice.rating.level${l}`)) },
      series: [{ type: 'bar', data: ([1, 2, 3, 4, 5] as const).map((l) => f.ratings.byLevel[l]) }],
    }),
    [f, t],
  );
  return (
    <div className="figures" data-testid="figures">
      <p className="muted">
        {t(`frontOffice.stats.periods.${f.period.kind}`)} · {periodText} · {t('frontOffice.stats.generated', { at: f.generatedAt.slice(0, 16).replace('T', ' ') })}
      </p>
      {f.estimatedYears.length > 0 ? <p className="warn">{t('frontOffice.follow.estimated', { years: f.estimatedYears.join('、') })}</p> : null}
      <ul className="kpis">
        {f.tickets.waitingNow > 0 ? (
          <li className="kpi">
            <span className="kpi-label">{t('frontOffice.stats.waitingNow')}</span>
            <span className="kpi-value">{f.tickets.waitingNow}</span>
          </li>
        ) : null}
        {kpis.map((k) => (
          <li key={k.key} className={`kpi${k.warn ? ' kpi-warn' : ''}`} data-testid={`kpi-${k.key}`}>
            <span className="kpi-label">{k.label}</span>
            <span className="kpi-value">{k.value}</span>
            {k.note ? <span className="kpi-note">{k.note}</span> : null}
          </li>
        ))}
      </ul>
      <div className="charts">
        <section className="card chart-card">
          <h2>{t(f.period.kind === 'day' ? 'frontOffice.stats.byHour' : 'frontOffice.stats.byDay')}</h2>
          <Chart option={series} label={t(f.period.kind === 'day' ? 'frontOffice.stats.byHour' : 'frontOffice.stats.byDay')} />
        </section>
        <section className="card chart-card">
          <h2>{t('frontOffice.stats.byFamily')}</h2>
          <Chart option={families} label={t('frontOffice.stats.byFamily')} />
        </section>
        <section className="card chart-card">
          <h2>{t('frontOffice.stats.byLevel')}</h2>
          <Chart option={levels} label={t('frontOffice.stats.byLevel')} height={200} />
        </section>
      </div>
      <section className="card">
        <h2>{t('frontOffice.stats.windows')}</h2>
        <table className="table doc-table">
          <thead>
            <tr>
              <th scope="col">{t('frontOffice.hall.window')}</th>
              <th scope="col">{t('frontOffice.stats.calls')}</th>
              <th scope="col">{t('frontOffice.stats.served')}</th>
              <th scope="col">{t('frontOffice.stats.waitMedian')}</th>
              <th scope="col">{t('frontOffice.stats.waitP90')}</th>
              <th scope="col">{t('frontOffice.stats.serviceMedian')}</th>
            </tr>
          </thead>
          <tbody>
            {f.windows.map((w) => (
              <tr key={w.windowNo}>
                <td>{w.windowName}</td>
                <td>{w.calls}</td>
                <td>{w.served}</td>
                <td>{minutesText(w.waitMedianSec)}</td>
                <td>{minutesText(w.waitP90Sec)}</td>
                <td>{minutesText(w.serviceMedianSec)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{t('frontOffice.stats.items')}</h2>
        <table className="table doc-table">
          <thead>
            <tr>
              <th scope="col">{t('frontOffice.stats.familyCol')}</th>
              <th scope="col">{t('frontOffice.stats.item')}</th>
              <th scope="col">{t('frontOffice.stats.count')}</th>
            </tr>
          </thead>
          <tbody>
            {f.cases.byItem.map((i) => (
              <tr key={i.itemCode}>
                <td>{t(`frontOffice.stats.family.${i.family}`)}</td>
                <td>{i.itemName[lang]}</td>
                <td>{i.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
