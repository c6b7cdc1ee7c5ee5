import type { FastifyInstance } from 'fastify';
import {
  AccountListResponseSchema,
  AccountSchema,
  AuditPageResponseSchema,
  AuditQuerySchema,
  AuditVerifyResponseSchema,
  CreateAccountRequestSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  UpdateAccountRequestSchema,
  UsernameParams,
} from '../../shared/sync/admin';
import type { CentralContext } from '../services/context';
import { createAccount, listAccounts, login, logout, updateAccount, verifyAudit, authorize, accountView } from '../services/back-office';
import { fail } from '../services/errors';
import { parseInput, sendValid } from '../http/validate';
import { requireActor } from '../http/auth';

/** Back office: signing in and out, accounts (administrator), central's audit (administrator). */
export function adminAccountRoutes(app: FastifyInstance, ctx: CentralContext): void {
  app.post('/v1/admin/login', async (req, reply) => {
    const body = parseInput(LoginRequestSchema, req.body);
    return sendValid(reply, LoginResponseSchema, await login(ctx, body.username, body.password, 'http'));
  });
  app.post('/v1/admin/logout', { config: { permission: 'signed-in' } }, async (req, reply) => {
    await logout(ctx, requireActor(req));
    return reply.code(204).send();
  });
  app.get('/v1/admin/me', { config: { permission: 'signed-in' } }, async (req, reply) => {
    const actor = requireActor(req);
    const row = actor.accountId ? await ctx.store.backOffice.accountById(actor.accountId) : null;
    if (!row) fail('not-found', '账号不存在');
    return sendValid(reply, AccountSchema, accountView(row));
  });
  const config = { permission: 'accounts.manage' as const };
  app.get('/v1/admin/accounts', { config }, async (req, reply) => sendValid(reply, AccountListResponseSchema, { accounts: await listAccounts(ctx, requireActor(req)) }));
  app.post('/v1/admin/accounts', { config }, async (req, reply) =>
    sendValid(reply, AccountSchema, await createAccount(ctx, requireActor(req), parseInput(CreateAccountRequestSchema, req.body)), 201),
  );
  app.post('/v1/admin/accounts/:username', { config }, async (req, reply) => {
    const { username } = parseInput(UsernameParams, req.params);
    return sendValid(reply, AccountSchema, await updateAccount(ctx, requireActor(req), username, parseInput(UpdateAccountRequestSchema, req.body)));
  });
  app.get('/v1/admin/audit', { config: { permission: 'audit.read' } }, async (req, reply) => {
    const q = parseInput(AuditQuerySchema, req.query);
    authorize(requireActor(req), 'audit.read');
    return sendValid(reply, AuditPageResponseSchema, { entries: await ctx.store.backOffice.auditPage(q.after ?? 0, q.limit ?? 100) });
  });
  app.get('/v1/admin/audit/verify', { config: { permission: 'audit.read' } }, async (_req, reply) => sendValid(reply, AuditVerifyResponseSchema, await verifyAudit(ctx)));
}
