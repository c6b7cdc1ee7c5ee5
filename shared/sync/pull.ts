import { z } from 'zod';
import { ProtocolVersionSchema } from './version';
import { CursorSchema, SYNC_LIMITS } from './common';
import { ChangeSchema, SnapshotItemSchema } from './changes';

const LimitSchema = z
  .string()
  .regex(/^\d{1,4}$/, '条数应为数字')
  .transform(Number)
  .pipe(z.number().int().min(1, '条数至少为 1').max(SYNC_LIMITS.maxPullLimit, `条数不能超过 ${SYNC_LIMITS.maxPullLimit}`));

/**
 * GET /v1/sync/pull?cursor=…&limit=…&protocol=1.0 — the changes after `cursor` (omit it, or "0", to start), at
 * most `limit`. Apply a page and store `nextCursor` in one local transaction; pull again while `hasMore`.
 * 410 `reset-required` when central no longer keeps the changes after `cursor`: get a snapshot (below), then
 * pull from its `resumeCursor`.
 */
export const PullQuerySchema = z.strictObject({
  cursor: CursorSchema.optional(),
  limit: LimitSchema.optional(),
  protocol: ProtocolVersionSchema.optional(),
});
export type PullQuery = z.infer<typeof PullQuerySchema>;

export const PullResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  nextCursor: CursorSchema,
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/**
 * GET /v1/sync/snapshot?page=…&limit=…&protocol=1.0 — the full current state for the station: calendar years,
 * the region's catalog items, policy tables and roster, and the central status of each of its cases that
 * central owns. Page through with `nextPage` until it is null; every page repeats the same `resumeCursor`,
 * the log position taken when the snapshot began. Then pull from `resumeCursor`: changes made while paging
 * come again, and applying them again is harmless (versions).
 */
export const SnapshotQuerySchema = z.strictObject({
  page: z.string().regex(/^[A-Za-z0-9_-]{1,400}$/, '分页标记格式不对').optional(),
  limit: LimitSchema.optional(),
  protocol: ProtocolVersionSchema.optional(),
});
export type SnapshotQuery = z.infer<typeof SnapshotQuerySchema>;

export const SnapshotResponseSchema = z.object({
  items: z.array(SnapshotItemSchema),
  nextPage: z.string().nullable(),
  resumeCursor: CursorSchema,
});
export type SnapshotResponse = z.infer<typeof SnapshotResponseSchema>;
