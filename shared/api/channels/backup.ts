import { z } from 'zod';
import { channel } from '../channel';
import { InstantSchema } from '../../cases/model';
import { StationSchema } from './setup';
import { RecoveryKeyInputSchema } from './keys';

/** A folder on this computer (a USB stick's mount point, another disk): an absolute path. */
export const FolderSchema = z
  .string()
  .trim()
  .min(1, '请填写备份文件夹')
  .max(500, '备份文件夹：路径太长')
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), '备份文件夹：请填写完整路径，例如 /media/usb 或 E:\\备份');

export const BACKUP_PHASES = ['store', 'attachments', 'verify'] as const;

export const BackupProgressSchema = z.strictObject({
  phase: z.enum(BACKUP_PHASES),
  /** Bytes (store) or files (attachments) done, and the total when known. */
  done: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  startedAt: InstantSchema,
});

export const BackupOutcomeSchema = z.strictObject({
  at: InstantSchema,
  ok: z.boolean(),
  /** The backup's folder name (under the chosen folder), when it was written. */
  name: z.string().nullable(),
  bytes: z.number().int().min(0),
  seconds: z.number().min(0),
  /** Why it failed (Chinese), or null. */
  message: z.string().nullable(),
  trigger: z.enum(['manual', 'daily']),
});

export const BackupSummarySchema = z.strictObject({
  /** Full path of the backup's folder. */
  path: z.string(),
  name: z.string(),
  station: StationSchema,
  createdAt: InstantSchema,
  persons: z.number().int().min(0),
  cases: z.number().int().min(0),
  attachments: z.number().int().min(0),
  auditRows: z.number().int().min(0),
  bytes: z.number().int().min(0),
});
export type BackupSummary = z.infer<typeof BackupSummarySchema>;

export const BackupStatusSchema = z.strictObject({
  folder: z.string().nullable(),
  daily: z.boolean(),
  /** How many backups are kept in the folder (older ones are removed after a good backup). */
  keep: z.number().int().min(1),
  running: BackupProgressSchema.nullable(),
  last: BackupOutcomeSchema.nullable(),
  lastGoodAt: InstantSchema.nullable(),
  /** A backup is restorable on a new computer only with the recovery key: none issued, no backup. */
  recoveryKeyIssued: z.boolean(),
});

export const backupStatus = channel({
  summary: 'Backup settings, progress of a running backup, and the last outcome (supervisor)',
  write: false,
  input: z.strictObject({}),
  output: BackupStatusSchema,
});

export const backupConfigure = channel({
  summary: 'Choose the backup folder and whether to back up daily (supervisor)',
  write: true,
  input: z.strictObject({ folder: FolderSchema, daily: z.boolean() }),
  output: BackupStatusSchema,
});

export const backupRun = channel({
  summary: 'Start a full encrypted backup now (the window keeps working); progress in backup.status (supervisor)',
  // Not a write: it must not hold the write queue for its whole run. It reads a snapshot and records its outcome.
  write: false,
  input: z.strictObject({}),
  output: BackupStatusSchema,
});

export const backupList = channel({
  summary: 'The backups in the chosen folder (supervisor)',
  write: false,
  input: z.strictObject({}),
  output: z.array(BackupSummarySchema),
});

export const backupInspect = channel({
  summary: 'New install: the backups found in a folder (a backup itself or a folder holding backups)',
  write: false,
  input: z.strictObject({ folder: FolderSchema }),
  output: z.array(BackupSummarySchema),
});

export const backupRestore = channel({
  summary: 'New install: restore a backup with the recovery key (every file verified before anything is replaced)',
  write: true,
  input: z.strictObject({ path: FolderSchema, recoveryKey: RecoveryKeyInputSchema }),
  output: z.strictObject({ station: StationSchema, persons: z.number().int(), cases: z.number().int(), attachments: z.number().int() }),
});
