import type { Handlers } from '../../feature';
import { accessFor } from '../../access';
import { outreachList } from './lists';
import { followups } from './followups';

/** outreach.*: the proactive work lists (主动服务) and the helpers' follow-up list (全程督办). */
export const outreachHandlers = {
  'outreach.list': (ctx, s, input) => outreachList(ctx, accessFor(s, 'outreach.list'), input),
  'outreach.followups': (ctx, s, input) => followups(ctx, accessFor(s, 'outreach.followups'), input),
} satisfies Partial<Handlers>;
