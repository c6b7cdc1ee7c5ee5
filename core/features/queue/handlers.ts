import type { Handlers } from '../../feature';
import { listQueue, queueCounts } from './queue';

/** queue.*: the work queue (工作台). */
export const queueHandlers = {
  'queue.list': (ctx, _s, input) => listQueue(ctx, input.filter, input.page),
  'queue.counts': (ctx) => queueCounts(ctx),
} satisfies Partial<Handlers>;
