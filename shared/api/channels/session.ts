import { z } from 'zod';
import { channel } from '../channel';
import { RoleSchema } from '../../roles';

export const UsernameSchema = z.string().trim().min(2).max(32).regex(/^[A-Za-z0-9_.-]+$/, '只能包含字母、数字、下划线、点和连字符');
export const PasswordSchema = z.string().min(8, '密码至少 8 位').max(128);
export const StationCodeSchema = z.string().trim().regex(/^[A-Z0-9]{4,12}$/, '站点编码应为4至12位大写字母或数字');
export const RegionCodeSchema = z.string().regex(/^\d{6}$/, '区划代码应为6位数字');

export const SessionUserSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const StationSchema = z.strictObject({
  code: StationCodeSchema,
  name: z.string().trim().min(1).max(64),
  regionCode: RegionCodeSchema,
});
export type Station = z.infer<typeof StationSchema>;

export const setupStatus = channel({
  summary: 'Whether the station is set up (first run), and its details',
  roles: 'public',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({ initialized: z.boolean(), station: StationSchema.nullable() }),
});

export const setupInitialize = channel({
  summary: 'First run: the station and its first supervisor',
  roles: 'public',
  write: true,
  input: z.strictObject({
    station: StationSchema,
    supervisor: z.strictObject({ username: UsernameSchema, displayName: z.string().trim().min(1).max(32), password: PasswordSchema }),
  }),
  output: z.strictObject({ station: StationSchema, user: SessionUserSchema }),
});

export const authSignIn = channel({
  summary: 'Sign in with a local account',
  roles: 'public',
  write: true,
  input: z.strictObject({ username: z.string().trim().min(1).max(32), password: z.string().min(1).max(128) }),
  output: z.strictObject({ user: SessionUserSchema }),
});

export const authSignOut = channel({
  summary: 'Sign out',
  roles: 'signed_in',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({}),
});

export const authMe = channel({
  summary: 'The signed-in user, if any',
  roles: 'public',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({ user: SessionUserSchema.nullable() }),
});

export const usersList = channel({
  summary: 'Accounts of this station',
  roles: ['supervisor'],
  write: false,
  input: z.strictObject({}),
  output: z.array(SessionUserSchema.extend({ disabled: z.boolean() })),
});

export const usersCreate = channel({
  summary: 'Create an account',
  roles: ['supervisor'],
  write: true,
  input: z.strictObject({ username: UsernameSchema, displayName: z.string().trim().min(1).max(32), role: RoleSchema, password: PasswordSchema }),
  output: SessionUserSchema,
});
