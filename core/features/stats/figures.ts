import type { CoreContext } from '../../context';
import type { Figures } from '../../../shared/api/channels/stats';
import { FAMILIES, type Family } from '../../../shared/catalog/types';
import { OPEN_STATUSES } from '../../../shared/cases/status';
import { callTimes, median, periodOf, periodDays, quantile, rate, type PeriodKind } from '../../../shared/front/stats';
import { nowInstant, today, type LocalDate } from '../../../shared/time';

/**
 * The station's figures for a day, a week or a month (issue 15, point 5), by the definitions of
 * shared/front/stats.ts. Every number comes from an indexed query over the period: tickets, calls and ratings are
 * small tables; cases taken in and completions from the daily aggregates the store keeps by trigger (migration 10),
 * overdue cases index-only — so a month on a 100k-case store stays fast (bench `stats-month`).
 */

/** Open cases that can be overdue: taken in, not finished (a draft has no due day). */
const OVERDUE_STATUSES = OPEN_STATUSES.filter((s) => s !== 'draft');

export function figures(ctx: CoreContext, kind: PeriodKind, day?: LocalDate): Figures {
  const now = today(ctx.clock);
  const period = periodOf(kind, day ?? now);
  const { from, to } = period;
  const repo = ctx.repos.front;

  const counts = repo.ticketCounts(from, to);
  const waitingNow = from <= now && now <= to ? repo.waitingOfDay(now).length : 0;
  const times = callTimes(repo.callFigures(from, to));
  const windowNames = new Map(repo.windows().map((w) => [w.no, w.name]));

  const taken = repo.casesTakenIn(from, to);
  const byFamily = new Map<Family, number>();
  for (const r of taken) byFamily.set(r.family as Family, (byFamily.get(r.family as Family) ?? 0) + r.n);
  const byItem = taken
    .map((r) => {
      const item = ctx.catalog.get(r.itemCode);
      return { itemCode: r.itemCode, itemName: item?.name ?? { 'zh-CN': r.itemCode, en: r.itemCode }, family: r.family as Family, count: r.n };
    })
    .sort((a, b) => b.count - a.count || a.itemCode.localeCompare(b.itemCode));

  const { completed, onTime } = repo.completions(from, to);

  const byLevel = { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0 };
  let setAside = 0;
  for (const r of repo.ratingCounts(from, to)) {
    byLevel[r.level as 1 | 2 | 3 | 4 | 5] = r.n;
    setAside += r.setAside;
  }
  const total = byLevel[5] + byLevel[4] + byLevel[3] + byLevel[2] + byLevel[1];
  const good = byLevel[5] + byLevel[4] + byLevel[3];

  const byHour = kind === 'day';
  const tickets = new Map(repo.ticketSeries(from, to, byHour).map((r) => [r.key, r]));
  const cases = new Map(repo.caseSeries(from, to, byHour).map((r) => [r.key, r.n]));
  const ratings = new Map(repo.ratingSeries(from, to, byHour).map((r) => [r.key, r]));
  let keys: string[];
  if (byHour) {
    const used = [...tickets.keys(), ...cases.keys(), ...ratings.keys()].map(Number);
    const lo = Math.min(8, ...used);
    const hi = Math.max(17, ...used);
    keys = Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i).padStart(2, '0'));
  } else keys = periodDays(period);
  const series = keys.map((k) => ({
    label: byHour ? `${k}:00` : k,
    issued: tickets.get(k)?.issued ?? 0,
    served: tickets.get(k)?.served ?? 0,
    takenIn: cases.get(k) ?? 0,
    ratings: ratings.get(k)?.ratings ?? 0,
    good: ratings.get(k)?.good ?? 0,
  }));

  return {
    period: { kind, from, to },
    generatedAt: nowInstant(ctx.clock),
    tickets: { ...counts, waitingNow },
    waiting: { count: times.waits.length, medianSec: median(times.waits), p90Sec: quantile(times.waits, 0.9) },
    service: { count: times.services.length, medianSec: median(times.services), p90Sec: quantile(times.services, 0.9) },
    windows: times.windows.map((w) => ({ ...w, windowName: windowNames.get(w.windowNo) ?? `${w.windowNo}号窗口` })),
    cases: {
      takenIn: taken.reduce((s, r) => s + r.n, 0),
      byFamily: FAMILIES.map((family) => ({ family, count: byFamily.get(family) ?? 0 })),
      byItem,
    },
    completion: { completed, onTime, rate: rate(onTime, completed) },
    overdue: repo.overdueCount(OVERDUE_STATUSES, now),
    rongqueDue: repo.promisesDue(to),
    ratings: { total, good, bad: total - good, byLevel, satisfactionRate: rate(good, total - setAside), setAside },
    followUps: repo.followUpCounts(now),
    series,
    estimatedYears: ctx.calendar.yearsWithoutData(from, to),
  };
}
