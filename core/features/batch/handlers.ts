import type { Handlers } from '../../feature';
import { accessFor } from '../../access';
import { annotateBatch, batchItems, batchTemplate, cancelBatch, getBatch, listBatches, startBatch, validateBatch } from './batch';

/** batch.*: batch proxy import (批量代办). A helper's batches are their own (shared/access.ts `handled`). */
export const batchHandlers = {
  'batch.items': (ctx, s) => {
    accessFor(s, 'batch.items');
    return batchItems(ctx);
  },
  'batch.template': (ctx, s, input) => {
    accessFor(s, 'batch.template');
    return batchTemplate(ctx, input.itemCode);
  },
  'batch.validate': (ctx, s, input) => validateBatch(ctx, accessFor(s, 'batch.validate'), input),
  'batch.annotate': (ctx, s, input) => {
    accessFor(s, 'batch.annotate');
    return annotateBatch(ctx, input);
  },
  'batch.start': (ctx, s, input) => startBatch(ctx, accessFor(s, 'batch.start'), input),
  'batch.cancel': (ctx, s, input) => cancelBatch(ctx, accessFor(s, 'batch.cancel'), input.batchId),
  'batch.list': (ctx, s) => listBatches(ctx, accessFor(s, 'batch.list')),
  'batch.get': (ctx, s, input) => getBatch(ctx, accessFor(s, 'batch.get'), input.batchId, input.withRows === true),
} satisfies Partial<Handlers>;
