import { z } from 'zod';
import { channel } from '../channel';
import { InstantSchema } from '../../cases/model';

export const SyncStatusSchema = z.strictObject({
  configured: z.boolean(),
  centralUrl: z.string().nullable(),
  online: z.boolean().nullable(),
  running: z.boolean(),
  pending: z.number().int().min(0),
  rejected: z.number().int().min(0),
  lastSuccessAt: InstantSchema.nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: InstantSchema.nullable(),
});

export const RejectedOpSchema = z.strictObject({
  seq: z.number().int(),
  kind: z.string(),
  caseId: z.string().nullable(),
  caseNo: z.string().nullable(),
  code: z.string().nullable(),
  message: z.string().nullable(),
  at: z.string().nullable(),
});

export const syncStatus = channel({
  summary: 'Connection to central, pending changes, last success, and the ops central refused (with reasons)',
  roles: 'signed_in',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({ status: SyncStatusSchema, rejected: z.array(RejectedOpSchema) }),
});

export const syncNow = channel({
  summary: 'Sync now (push then pull); answers when the run ends',
  roles: 'signed_in',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({
    ok: z.boolean(),
    error: z.string().nullable(),
    pushed: z.strictObject({ applied: z.number().int(), duplicate: z.number().int(), rejected: z.number().int(), uploaded: z.number().int() }).nullable(),
    pulled: z.number().int(),
    status: SyncStatusSchema,
  }),
});

export const syncEnroll = channel({
  summary: "Connect this station to central with the back office's one-time code",
  roles: ['supervisor'],
  write: false,
  input: z.strictObject({
    centralUrl: z.string().trim().url('中心地址格式不对，例如 https://yb.example.gov.cn').max(200),
    code: z.string().trim().min(1, '请填写开通码').max(32),
  }),
  output: z.strictObject({ stationId: z.string(), stationName: z.string(), status: SyncStatusSchema }),
});
