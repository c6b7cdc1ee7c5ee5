import { z } from 'zod';
import { channel } from '../channel';
import { UuidSchema } from '../../cases/model';

/** Largest single attachment (a phone photo or a scanned page), in bytes. */
export const MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

export const AttachmentSchema = z.strictObject({
  id: UuidSchema,
  caseId: UuidSchema,
  materialCode: z.string().nullable(),
  fileName: z.string(),
  mime: z.enum(ATTACHMENT_MIME_TYPES),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadState: z.enum(['pending', 'uploading', 'stored']),
  createdAt: z.string(),
  /** Why the file can no longer be read whole and intact (需重新扫描), or null. */
  damaged: z.string().nullable(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

const Base64Schema = z
  .string()
  .min(1, '文件内容为空')
  .max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4, `文件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不是有效的 base64');

export const attachmentsAdd = channel({
  summary: 'Attach a scan or photo to a case (optionally for one material, which it then marks received)',
  write: true,
  input: z.strictObject({
    caseId: UuidSchema,
    version: z.number().int().positive(),
    materialCode: z.string().min(1).max(64).optional(),
    fileName: z.string().trim().min(1).max(200),
    mime: z.enum(ATTACHMENT_MIME_TYPES),
    dataBase64: Base64Schema,
    /** A re-scan (重新扫描): the damaged attachment of this case it replaces. */
    replaces: UuidSchema.optional(),
  }),
  output: z.strictObject({ attachment: AttachmentSchema, caseVersion: z.number().int().positive() }),
});

export const attachmentsList = channel({
  summary: "A case's attachments",
  write: false,
  input: z.strictObject({ caseId: UuidSchema }),
  output: z.array(AttachmentSchema),
});

export const attachmentsGet = channel({
  summary: 'The content of one attachment (read is audited)',
  write: true,
  input: z.strictObject({ id: UuidSchema }),
  output: z.strictObject({ attachment: AttachmentSchema, dataBase64: z.string() }),
});
