import { z } from 'zod';
import { channel } from '../channel';
import { SessionUserSchema, UsernameSchema, PasswordSchema } from './auth';

export const StationCodeSchema = z.string().trim().regex(/^[A-Z0-9]{4,12}$/, '站点编码应为4至12位大写字母或数字');
export const RegionCodeSchema = z.string().regex(/^\d{6}$/, '区划代码应为6位数字');

export const StationSchema = z.strictObject({
  code: StationCodeSchema,
  name: z.string().trim().min(1).max(64),
  regionCode: RegionCodeSchema,
});
export type Station = z.infer<typeof StationSchema>;

export const setupStatus = channel({
  summary: 'Whether the station is set up (first run), and its details',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({ initialized: z.boolean(), station: StationSchema.nullable() }),
});

export const setupInitialize = channel({
  summary: 'First run: the station and its first supervisor',
  write: true,
  input: z.strictObject({
    station: StationSchema,
    supervisor: z.strictObject({ username: UsernameSchema, displayName: z.string().trim().min(1).max(32), password: PasswordSchema }),
  }),
  output: z.strictObject({ station: StationSchema, user: SessionUserSchema }),
});
