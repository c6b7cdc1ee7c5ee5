import { z } from 'zod';
import { channel } from '../channel';
import { InstantSchema } from '../../cases/model';
import { CaPemSchema, CertPinSchema, centralUrlProblem } from '../../sync/tls';

export const SyncStatusSchema = z.strictObject({
  configured: z.boolean(),
  centralUrl: z.string().nullable(),
  online: z.boolean().nullable(),
  running: z.boolean(),
  pending: z.number().int().min(0),
  /** Ops central refused. */
  rejected: z.number().int().min(0),
  /** Cases whose last op central refused (what the window works through). */
  rejectedCases: z.number().int().min(0),
  /** Attachments found damaged here, waiting for a re-scan (需重新扫描). */
  damagedAttachments: z.number().int().min(0),
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
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({ status: SyncStatusSchema, rejected: z.array(RejectedOpSchema) }),
});

export const syncNow = channel({
  summary: 'Sync now (push then pull); answers when the run ends',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({
    ok: z.boolean(),
    error: z.string().nullable(),
    /** What the push did; `resent`: refusals the station fixed by itself and sent again (the person first). */
    pushed: z.strictObject({ applied: z.number().int(), duplicate: z.number().int(), rejected: z.number().int(), resent: z.number().int(), uploaded: z.number().int() }).nullable(),
    pulled: z.number().int(),
    status: SyncStatusSchema,
  }),
});

export const syncEnroll = channel({
  summary: "Connect this station to central with the back office's one-time code",
  write: false,
  input: z.strictObject({
    // https:// only (http:// for the machine itself): the credential and personal data must not go in clear.
    centralUrl: z
      .string()
      .trim()
      .url('中心地址格式不对，例如 https://yb.example.gov.cn')
      .max(200)
      .superRefine((url, c) => {
        const problem = centralUrlProblem(url);
        if (problem) c.addIssue({ code: 'custom', message: problem });
      }),
    code: z.string().trim().min(1, '请填写开通码').max(32),
    /** The SHA-256 fingerprint of central's certificate (a self-signed or private one), given with the code. */
    tlsPin: CertPinSchema.optional(),
    /** An extra CA to trust for central's certificate (provincial PKI), PEM. */
    tlsCaPem: CaPemSchema.optional(),
  }),
  output: z.strictObject({ stationId: z.string(), stationName: z.string(), status: SyncStatusSchema }),
});

const BundleBase64Schema = z
  .string()
  .min(1, '文件内容为空')
  .max(Math.ceil((512 * 1024 * 1024 * 4) / 3) + 4, '离线数据包过大')
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不是有效的 base64');

export const syncExportBundle = channel({
  summary: 'Export every change waiting for central as one signed, encrypted file (离线数据包) for a USB stick',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({
    fileName: z.string(),
    path: z.string(),
    bytes: z.number().int().min(0),
    opCount: z.number().int().min(1),
    /** Cases the changes are about. */
    caseCount: z.number().int().min(0),
    blobCount: z.number().int().min(0),
    /** Bytes of the attachments in it. */
    blobBytes: z.number().int().min(0),
    firstSeq: z.number().int(),
    lastSeq: z.number().int(),
    createdAt: InstantSchema,
    /** The file itself for a browser download (null when larger than 64 MB: take it from `path`). */
    dataBase64: z.string().nullable(),
  }),
});

export const syncBundlePreview = channel({
  summary: 'What an offline bundle exported now would hold: changes, cases, attachments and their size',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({
    ops: z.number().int().min(0),
    cases: z.number().int().min(0),
    attachments: z.number().int().min(0),
    attachmentBytes: z.number().int().min(0),
    /** Attachments waiting for a re-scan: not in the file (需重新扫描). */
    damaged: z.number().int().min(0),
    /** Whether the station can sign a bundle (it has its key from central). */
    canSign: z.boolean(),
  }),
});

/** A bundle file's name as the export made it (no folders). */
export const BundleFileNameSchema = z
  .string()
  .trim()
  .min(5)
  .max(200)
  .regex(/^[^/\\]+\.ybb$/, '文件名：应为本站导出的 .ybb 文件名');

export const syncReadBundle = channel({
  summary: 'A piece of an exported bundle file (the screen saves it where the team chooses: a download, or the save dialog)',
  write: false,
  input: z.strictObject({
    fileName: BundleFileNameSchema,
    offset: z.number().int().min(0),
    length: z
      .number()
      .int()
      .min(1)
      .max(8 * 1024 * 1024),
  }),
  output: z.strictObject({ dataBase64: z.string(), size: z.number().int().min(0) }),
});

export const syncRelayBundle = channel({
  summary: "Hand another station's 离线数据包 to central through this online station",
  write: false,
  input: z.strictObject({ fileName: z.string().trim().min(1).max(200), dataBase64: BundleBase64Schema }),
  output: z.strictObject({
    stationCode: z.string(),
    ops: z.number().int(),
    applied: z.number().int(),
    duplicate: z.number().int(),
    rejected: z.number().int(),
    blobsStored: z.number().int(),
    /** What central did with each op (the relaying station holds none of these cases: no personal data here). */
    results: z.array(
      z.strictObject({
        seq: z.number().int(),
        kind: z.string(),
        caseNo: z.string().nullable(),
        status: z.enum(['applied', 'duplicate', 'rejected']),
        code: z.string().nullable(),
        message: z.string().nullable(),
      }),
    ),
  }),
});
