import { z } from 'zod';
import { channel } from '../channel';
import { RoleSchema } from '../../roles';
import { SessionUserSchema, UsernameSchema, PasswordSchema } from './auth';

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
