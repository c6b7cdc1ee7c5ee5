import { z } from 'zod';
import { channel } from '../channel';
import { RoleSchema } from '../../roles';

export const UsernameSchema = z.string().trim().min(2).max(32).regex(/^[A-Za-z0-9_.-]+$/, '只能包含字母、数字、下划线、点和连字符');
export const PasswordSchema = z.string().min(8, '密码至少 8 位').max(128);

export const SessionUserSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

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
