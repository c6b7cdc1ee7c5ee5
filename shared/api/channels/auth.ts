import { z } from 'zod';
import { channel } from '../channel';
import { RoleSchema } from '../../roles';
import { InstantSchema } from '../../cases/model';
import { passwordProblem, PASSWORD_MAX_LENGTH } from '../../passwords';

export const UsernameSchema = z.string().trim().min(2).max(32).regex(/^[A-Za-z0-9_.-]+$/, '只能包含字母、数字、下划线、点和连字符');
/**
 * A new password (the rule of shared/passwords: ≥ 10 characters, two classes, not common). The core also refuses
 * one containing the account's user name, which a schema of the password alone cannot know.
 */
export const PasswordSchema = z
  .string()
  .max(PASSWORD_MAX_LENGTH)
  .superRefine((p, ctx) => {
    const problem = passwordProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const SessionUserSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

/** The signed-in session as the core keeps it: the UI locks when the core's idle limit says so. */
export const SessionInfoSchema = z.strictObject({
  /** Minutes without a request after which the core ends the session (the UI locks no later). */
  idleMinutes: z.number().int().positive(),
  /** When the session ends whatever the user does (12 hours after sign-in). */
  expiresAt: InstantSchema,
  /** The password was reset by a supervisor: only auth.changePassword works until a new one is chosen. */
  mustChangePassword: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

export const authSignIn = channel({
  summary: 'Sign in with a local account (throttled per user and per client)',
  write: true,
  input: z.strictObject({ username: z.string().trim().min(1).max(32), password: z.string().min(1).max(PASSWORD_MAX_LENGTH) }),
  output: z.strictObject({ user: SessionUserSchema, session: SessionInfoSchema }),
});

export const authSignOut = channel({
  summary: 'Sign out',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({}),
});

export const authMe = channel({
  summary: 'The signed-in user and session, if any',
  write: false,
  input: z.strictObject({}),
  output: z.strictObject({ user: SessionUserSchema.nullable(), session: SessionInfoSchema.nullable() }),
});

export const authChangePassword = channel({
  summary: 'Change your own password (the current one proves it is you); audited',
  write: true,
  input: z.strictObject({ currentPassword: z.string().min(1, '请填写当前密码').max(PASSWORD_MAX_LENGTH), newPassword: PasswordSchema }),
  output: z.strictObject({ session: SessionInfoSchema }),
});
