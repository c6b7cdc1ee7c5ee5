import { z } from 'zod';
import { channel } from '../channel';
import { InstantSchema, UuidSchema } from '../../cases/model';
import { DeviceKindSchema } from '../../roles';

/**
 * devices.*: the public screens' narrow credentials. A supervisor issues one per screen — a customer display
 * (叫号屏; with a window number it is also that window's 评价器) or a kiosk (取号机) — and the key is shown once.
 * The screen signs in with it (`devices.signIn`) and reaches only its own channels (shared/access.ts).
 */

export const DeviceSchema = z.strictObject({
  id: UuidSchema,
  kind: DeviceKindSchema,
  name: z.string(),
  windowNo: z.number().int().nullable(),
  createdAt: InstantSchema,
  revokedAt: InstantSchema.nullable(),
  lastSeenAt: InstantSchema.nullable(),
});
export type Device = z.infer<typeof DeviceSchema>;

/** A device key: 32 url-safe characters (24 random bytes). */
export const DeviceKeySchema = z.string().trim().regex(/^[A-Za-z0-9_-]{32}$/, '设备密钥格式不对（32 位字母数字）');

export const devicesList = channel({
  summary: "The station's public screens and kiosks",
  write: false,
  input: z.strictObject({}),
  output: z.array(DeviceSchema),
});

export const devicesIssue = channel({
  summary: 'Issue a credential for a customer display or a kiosk (the key is shown once); audited',
  write: true,
  input: z
    .strictObject({
      kind: DeviceKindSchema,
      name: z.string().trim().min(1, '请填写设备名称').max(30, '设备名称最多 30 个字'),
      windowNo: z.number().int().min(1, '窗口号应在 1–99 之间').max(99, '窗口号应在 1–99 之间').nullable().default(null),
    })
    .refine((d) => d.kind === 'display' || d.windowNo === null, { message: '取号机不属于某个窗口', path: ['windowNo'] }),
  output: z.strictObject({ device: DeviceSchema, key: DeviceKeySchema }),
});

export const devicesRevoke = channel({
  summary: 'Revoke a display or kiosk credential (its screen is signed out at once); audited',
  write: true,
  input: z.strictObject({ id: UuidSchema }),
  output: DeviceSchema,
});

export const DevicePrincipalSchema = z.strictObject({
  id: UuidSchema,
  kind: DeviceKindSchema,
  name: z.string(),
  windowNo: z.number().int().nullable(),
});
export type DevicePrincipal = z.infer<typeof DevicePrincipalSchema>;

export const devicesSignIn = channel({
  summary: 'A display or kiosk signs in with its key (this session then reaches only its own channels); audited',
  write: true,
  input: z.strictObject({ key: DeviceKeySchema }),
  output: z.strictObject({ device: DevicePrincipalSchema }),
});

export const devicesMe = channel({
  summary: 'The display or kiosk this session is',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({ device: DevicePrincipalSchema }),
});
