import { z } from 'zod';
import { channel } from '../channel';
import { RoleSchema } from '../../roles';
import { InstantSchema, UuidSchema } from '../../cases/model';
import { SessionUserSchema, UsernameSchema, PasswordSchema } from './auth';

/** An account as the supervisor's accounts screen shows it. */
export const AccountSchema = SessionUserSchema.extend({
  disabled: z.boolean(),
  /** A supervisor reset the password: the user must choose a new one at next sign-in. */
  mustChangePassword: z.boolean(),
  /** Locked after too many wrong passwords, until this instant (a reset or re-enabling ends it). */
  lockedUntil: InstantSchema.nullable(),
  passwordChangedAt: InstantSchema.nullable(),
});
export type Account = z.infer<typeof AccountSchema>;

export const usersList = channel({
  summary: 'Accounts of this station',
  write: false,
  input: z.strictObject({}),
  output: z.array(AccountSchema),
});

export const usersCreate = channel({
  summary: 'Create an account',
  write: true,
  input: z.strictObject({ username: UsernameSchema, displayName: z.string().trim().min(1).max(32), role: RoleSchema, password: PasswordSchema }),
  output: SessionUserSchema,
});

export const usersResetPassword = channel({
  summary: "Set a new password for a user who forgot theirs; they must change it at next sign-in (audited)",
  write: true,
  input: z.strictObject({ userId: UuidSchema, newPassword: PasswordSchema }),
  output: AccountSchema,
});

export const usersSetDisabled = channel({
  summary: 'Disable an account (it cannot sign in; its sessions end) or enable it again (audited)',
  write: true,
  input: z.strictObject({ userId: UuidSchema, disabled: z.boolean() }),
  output: AccountSchema,
});

export const usersSetRole = channel({
  summary: "Change an account's role (its open sessions end; audited)",
  write: true,
  input: z.strictObject({ userId: UuidSchema, role: RoleSchema }),
  output: AccountSchema,
});
