import type { Handlers } from '../../feature';
import { listQueue, queueCounts } from './queue';
import { accessFor } from '../../access';

/** queue.*: the work queue (工作台). */
export const queueHandlers = {
  'queue.list': (ctx, s, input) => listQueue(ctx, input.filter, input.page, accessFor(s, 'queue.list')),
  'queue.counts': (ctx, s) => queueCounts(ctx, accessFor(s, 'queue.counts')),
} satisfies Partial<Handlers>;
