import { z } from 'zod';
import { ProtocolVersionSchema } from './version';
import { Sha256Schema, UuidSchema } from './common';

/**
 * Attachments, tus-like and content-addressed:
 *   POST  /v1/uploads {protocol, sha256, size, mime} → 201 {uploadId, offset, chunkMax} (resume an open upload of the
 *         same bytes: same uploadId, its offset) or 200 {complete: true} when central already stores the bytes;
 *   HEAD  /v1/uploads/:id → 200 with `Upload-Offset` and `Upload-Length` (after a drop, resume from there);
 *   PATCH /v1/uploads/:id with `Upload-Offset: n`, `Content-Type: application/offset+octet-stream` and at most
 *         `chunkMax` bytes → 200 {offset, complete} (and the `Upload-Offset` header). A chunk is kept whole or not
 *         at all. A wrong offset → 409 `offset-mismatch` with the real one. With the last byte the server checks
 *         the sha256: a match stores the blob (`complete: true`), a mismatch answers 422 `checksum-mismatch` and
 *         the upload starts over at offset 0.
 *
 * Since 1.2, creation with the first chunk (one request for a small scan, which on a poor link is half the
 * requests): `POST /v1/uploads?protocol=1.2&sha256=…&size=…&mime=…` with `Content-Type:
 * application/offset+octet-stream` and the file's first bytes (at most `chunkMax`, from /v1/health) as the body.
 * Central creates or finds the upload as above and, when it holds nothing of it yet (offset 0), takes the chunk
 * whole — answering like the JSON create, with the offset after the chunk, or `complete: true`. An upload already
 * under way keeps its offset (the body is not taken): PATCH from there.
 */

export const UPLOAD_CONTENT_TYPE = 'application/offset+octet-stream';
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
export const UPLOAD_LENGTH_HEADER = 'upload-length';

/** What a station may upload: scans and photos of paper materials. */
export const ATTACHMENT_MIMES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/tiff', 'image/heic'] as const;
export const MimeSchema = z.enum(ATTACHMENT_MIMES, { message: '附件类型不受支持（限 PDF、JPEG、PNG、WebP、TIFF、HEIC）' });

export const UploadCreateRequestSchema = z.strictObject({
  protocol: ProtocolVersionSchema,
  sha256: Sha256Schema,
  size: z.number().int().positive('附件不能为空').max(Number.MAX_SAFE_INTEGER),
  mime: MimeSchema,
});
export type UploadCreateRequest = z.infer<typeof UploadCreateRequestSchema>;

/** The same fields in the query of a creation that carries the first chunk as its body (1.2). */
export const UploadCreateQuerySchema = z.strictObject({
  protocol: ProtocolVersionSchema,
  sha256: Sha256Schema,
  size: z.coerce.number().int().positive('附件不能为空').max(Number.MAX_SAFE_INTEGER),
  mime: MimeSchema,
});
/** The minor since which a create may carry the first chunk. */
export const CREATE_WITH_CHUNK_SINCE = 2;

export const UploadCreateResponseSchema = z.union([
  z.object({
    complete: z.literal(false),
    uploadId: UuidSchema,
    offset: z.number().int().min(0),
    /** Largest chunk a PATCH may carry. */
    chunkMax: z.number().int().positive(),
  }),
  z.object({ complete: z.literal(true), sha256: Sha256Schema }),
]);
export type UploadCreateResponse = z.infer<typeof UploadCreateResponseSchema>;

export const UploadPatchResponseSchema = z.object({
  uploadId: UuidSchema,
  offset: z.number().int().min(0),
  complete: z.boolean(),
});
export type UploadPatchResponse = z.infer<typeof UploadPatchResponseSchema>;
