import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { figures } from './figures';
import { exportReport } from './report';

/** stats.*: the station's day in figures, 日报 and 月报 (issue 15). */
export const statsHandlers = {
  'stats.figures': (ctx, _session, input) => figures(ctx, input.period, input.day),
  'stats.export': (ctx, session, input) => exportReport(ctx, me(session), input.report, input.day),
} satisfies Partial<Handlers>;
