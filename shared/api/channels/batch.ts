import { z } from 'zod';
import { channel } from '../channel';
import { InstantSchema, PROXY_RELATIONSHIPS, UuidSchema } from '../../cases/model';
import { CaseStatusSchema } from '../../cases/status';
import { LocalizedTextSchema } from '../../text';

/** batch.* — batch proxy import (批量代办): templates, validation of a whole file, import in chunks, the batch record. */

/** Largest list file accepted (a 10,000-row sheet is well under 2 MB). */
export const MAX_BATCH_FILE_BYTES = 16 * 1024 * 1024;
export const BATCH_FILE_KINDS = ['xlsx', 'csv'] as const;

const FileSchema = z.strictObject({
  fileName: z.string().trim().min(1, '请选择文件').max(200),
  dataBase64: z
    .string()
    .min(1, '文件内容为空')
    .max(Math.ceil((MAX_BATCH_FILE_BYTES * 4) / 3) + 4, `文件不能超过 ${MAX_BATCH_FILE_BYTES / 1024 / 1024} MB`)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不是有效的 base64'),
});

/** Who hands the list in (the school's teacher, the employer's HR officer, the helper): the agent of every case. */
export const BatchAgentSchema = z.strictObject({
  name: z.string().trim().min(1, '请填写代办人姓名').max(50),
  idNumber: z.string().trim().min(1, '请填写代办人证件号码').max(32),
  relationship: z.enum(PROXY_RELATIONSHIPS),
  phone: z.string().trim().max(20).optional(),
  /** The principals' signed authorisations (授权委托书, or the unit's letter) were received with the list. */
  authorisationReceived: z.boolean(),
});

const ImportInputSchema = z.strictObject({
  itemCode: z.string().min(1).max(64),
  file: FileSchema,
  agent: BatchAgentSchema,
  /** Materials received with the list for every row (the item's, as the window ticks them). */
  materialsReceived: z.array(z.string().min(1).max(64)).max(50),
});
export type BatchImportInput = z.infer<typeof ImportInputSchema>;

export const BatchIssueSchema = z.strictObject({
  row: z.number().int().min(1),
  column: z.string().nullable(),
  header: z.string().nullable(),
  message: z.string(),
});

export const BatchCheckSchema = z.strictObject({
  fileSha256: z.string(),
  total: z.number().int().min(0),
  /** Rows that would become cases. */
  valid: z.number().int().min(0),
  /** Rows already imported from this or an earlier batch of the item (nothing is made twice). */
  already: z.number().int().min(0),
  invalidRows: z.number().int().min(0),
  issues: z.array(BatchIssueSchema),
  /** The batch this very file was imported in before, if any. */
  batchId: UuidSchema.nullable(),
});
export type BatchCheck = z.infer<typeof BatchCheckSchema>;

export const BatchStateSchema = z.enum(['importing', 'done', 'cancelled', 'failed']);

export const BatchSummarySchema = z.strictObject({
  id: UuidSchema,
  itemCode: z.string(),
  itemName: LocalizedTextSchema,
  fileName: z.string(),
  fileSha256: z.string(),
  state: BatchStateSchema,
  total: z.number().int().min(0),
  valid: z.number().int().min(0),
  invalid: z.number().int().min(0),
  imported: z.number().int().min(0),
  /** Cases of the batch central refused (sync rejected). */
  rejected: z.number().int().min(0),
  createdBy: z.string(),
  createdAt: InstantSchema,
  finishedAt: InstantSchema.nullable(),
  error: z.string().nullable(),
});
export type BatchSummary = z.infer<typeof BatchSummarySchema>;

export const batchItems = channel({
  summary: 'Items a list can be imported for, with their template columns',
  write: false,
  input: z.strictObject({}),
  output: z.array(
    z.strictObject({
      code: z.string(),
      name: LocalizedTextSchema,
      list: LocalizedTextSchema,
      columns: z.array(z.strictObject({ key: z.string(), header: z.string(), required: z.boolean(), hint: z.string() })),
      materials: z.array(z.strictObject({ code: z.string(), name: LocalizedTextSchema, always: z.boolean() })),
    }),
  ),
});

export const batchTemplate = channel({
  summary: "An item's list template (.xlsx) to fill in",
  write: false,
  input: z.strictObject({ itemCode: z.string().min(1).max(64) }),
  output: z.strictObject({ fileName: z.string(), dataBase64: z.string() }),
});

export const batchValidate = channel({
  summary: 'Check every row of a list file before anything is written; nothing is saved',
  write: true,
  input: ImportInputSchema,
  output: BatchCheckSchema,
});

export const batchAnnotate = channel({
  summary: 'The list file back as .xlsx with each problem marked in its row and cell',
  write: false,
  input: ImportInputSchema,
  output: z.strictObject({ fileName: z.string(), dataBase64: z.string() }),
});

export const batchStart = channel({
  summary: 'Import the valid rows of a checked file: one case per row, in chunks, in the background',
  write: true,
  input: ImportInputSchema,
  output: z.strictObject({ batchId: UuidSchema, check: BatchCheckSchema }),
});

export const batchCancel = channel({
  summary: 'Stop an import after the chunk in progress (cases already made stay, linked to the batch)',
  write: true,
  input: z.strictObject({ batchId: UuidSchema }),
  output: BatchSummarySchema,
});

export const batchList = channel({
  summary: 'Batches imported at the station (a helper: their own), newest first',
  write: false,
  input: z.strictObject({}),
  output: z.array(BatchSummarySchema),
});

export const batchGet = channel({
  summary: "One batch with its progress, and (withRows) its rows' cases: rows central refused first, with their reason",
  write: false,
  input: z.strictObject({ batchId: UuidSchema, withRows: z.boolean().optional() }),
  output: z.strictObject({
    batch: BatchSummarySchema,
    rows: z.array(
      z.strictObject({
        row: z.number().int().min(1),
        caseId: UuidSchema,
        caseNo: z.string(),
        personName: z.string(),
        status: CaseStatusSchema,
        syncState: z.enum(['pending', 'synced', 'rejected']),
        syncError: z.string().nullable(),
      }),
    ),
  }),
});
