import { describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '../../../../shared/cases/status';
import { QueueFilterSchema } from '../../../../shared/cases/queue';
import { DEFAULT_FILTER, toApiFilter } from './filter';

describe('queue filters → API filter', () => {
  it('defaults to open cases', () => {
    expect(toApiFilter(DEFAULT_FILTER, 'u1', '')).toEqual({ statuses: [...OPEN_STATUSES] });
  });

  it('combines mine, proxy, overdue, family, item and the search text', () => {
    const f = toApiFilter({ ...DEFAULT_FILTER, mine: true, proxy: true, overdue: true, family: 'care', itemCode: 'ltc_application', status: 'all' }, 'u1', '  wxy ');
    expect(f).toEqual({ clerkId: 'u1', proxyOnly: true, overdue: true, family: 'care', itemCode: 'ltc_application', q: 'wxy' });
    expect(QueueFilterSchema.safeParse(f).success).toBe(true);
  });

  it('"needs action" asks for the cases central refused (open ones)', () => {
    const f = toApiFilter({ ...DEFAULT_FILTER, needsAction: true }, 'u1', '');
    expect(f).toEqual({ statuses: [...OPEN_STATUSES], needsAction: true });
    expect(QueueFilterSchema.safeParse(f).success).toBe(true);
  });

  it('"waiting for central" asks for on-the-spot items not decided yet', () => {
    const f = toApiFilter({ ...DEFAULT_FILTER, awaitingCentral: true }, 'u1', '');
    expect(f).toEqual({ statuses: [...OPEN_STATUSES], awaitingCentral: true });
    expect(QueueFilterSchema.safeParse(f).success).toBe(true);
  });

  it('"awaiting materials" wins over the status choice', () => {
    expect(toApiFilter({ ...DEFAULT_FILTER, awaiting: true, status: 'draft' }, 'u1', '').statuses).toEqual(['awaiting_materials']);
  });
});
