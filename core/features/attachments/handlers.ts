import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { accessFor, requireCaseInReach } from '../../access';
import { fail } from '../../../shared/api/errors';
import { addAttachment, listAttachments, getAttachment } from './attachments';

/** attachments.*: scans and photos of a case within the user's reach. */
export const attachmentsHandlers = {
  'attachments.add': (ctx, s, input) => {
    requireCaseInReach(ctx, accessFor(s, 'attachments.add'), input.caseId);
    return addAttachment(ctx, me(s), input);
  },
  'attachments.list': (ctx, s, input) => {
    requireCaseInReach(ctx, accessFor(s, 'attachments.list'), input.caseId);
    return listAttachments(ctx, input.caseId);
  },
  'attachments.get': (ctx, s, input) => {
    const a = accessFor(s, 'attachments.get');
    const row = ctx.repos.attachments.byId(input.id);
    if (!row) fail('not_found', '附件不存在', { field: 'id' });
    requireCaseInReach(ctx, a, row.caseId, 'id');
    return getAttachment(ctx, a.user, input.id);
  },
} satisfies Partial<Handlers>;
