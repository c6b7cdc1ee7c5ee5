import { z } from 'zod';
import { channel } from '../channel';
import { CatalogItemSchema, FamilySchema } from '../../catalog/types';
import { LocalizedTextSchema } from '../../text';

export const CatalogSummarySchema = z.strictObject({
  code: z.string(),
  family: FamilySchema,
  group: LocalizedTextSchema,
  name: LocalizedTextSchema,
  limitWorkingDays: z.number().int(),
  rongque: z.boolean(),
  proxyAllowed: z.boolean(),
});

export const catalogList = channel({
  summary: 'The service items in force, optionally filtered by family or searched by name/pinyin',
  write: false,
  input: z.strictObject({ family: FamilySchema.optional(), q: z.string().trim().max(32).optional() }),
  output: z.array(CatalogSummarySchema),
});

export const catalogGet = channel({
  summary: 'One service item with its materials and form',
  write: false,
  input: z.strictObject({ code: z.string().min(1).max(64) }),
  output: CatalogItemSchema,
});
