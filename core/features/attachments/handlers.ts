import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { addAttachment, listAttachments, getAttachment } from './attachments';

/** attachments.*: scans and photos of a case. */
export const attachmentsHandlers = {
  'attachments.add': (ctx, s, input) => addAttachment(ctx, me(s), input),
  'attachments.list': (ctx, _s, input) => listAttachments(ctx, input.caseId),
  'attachments.get': (ctx, s, input) => getAttachment(ctx, me(s), input.id),
} satisfies Partial<Handlers>;
