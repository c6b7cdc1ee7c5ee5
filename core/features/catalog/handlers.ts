import type { Handlers } from '../../feature';
import { requireItem } from '../../reference/catalog';
import { listItems } from './catalog';

/** catalog.*: the 事项清单 in force. */
export const catalogHandlers = {
  'catalog.list': (ctx, _s, input) =>
    listItems(ctx, input.family, input.q).map((i) => ({
      code: i.code,
      family: i.family,
      group: i.group,
      name: i.name,
      limitWorkingDays: i.limitWorkingDays,
      rongque: i.rongque !== null,
      proxyAllowed: i.proxyAllowed,
    })),
  'catalog.get': (ctx, _s, input) => requireItem(ctx, input.code, 'code'),
} satisfies Partial<Handlers>;
