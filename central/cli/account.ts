import { parseArgs } from 'node:util';
import { BACK_OFFICE_ROLES, BackOfficeRoleSchema, CreateAccountRequestSchema, UpdateAccountRequestSchema, type Account, type BackOfficeRole } from '../../shared/sync/admin';
import { parseInput } from '../http/validate';
import { createAccount, createFirstAdministrator, listAccounts, login, logout, rolesText, updateAccount, verifyAudit } from '../services/back-office';
import { need, say, UsageError, withContext } from './context';
import { forgetSession, readPassword, saveSession, signedIn, withAccount } from './session';

const STATES = { active: '启用', disabled: '已停用' } as const;

function roles(v: string | undefined): BackOfficeRole[] {
  const list = need(v, `角色（--role，可选 ${BACK_OFFICE_ROLES.join('、')}，逗号分隔）`)
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  for (const r of list) if (!BackOfficeRoleSchema.safeParse(r).success) throw new UsageError(`未知角色：${r}（应为 ${BACK_OFFICE_ROLES.join('、')}）`);
  return list as BackOfficeRole[];
}

function show(a: Account): void {
  say(`${a.username}  ${a.displayName}  角色：${rolesText(a.roles)}  ${STATES[a.state]}${a.lockedUntil ? `  锁定至 ${a.lockedUntil}` : ''}`);
}

async function newPassword(): Promise<string> {
  const pw = await readPassword('新密码（至少 10 个字符）：');
  if (process.stdin.isTTY) {
    const again = await readPassword('再输一次：');
    if (again !== pw) throw new UsageError('两次输入的密码不一致');
  }
  return pw;
}

/** `login <username>`: sign in (password typed, or the first line of stdin); the token is kept for later commands. */
export async function loginCommand(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const username = need(positionals[0], '用户名');
  const password = await readPassword(`${username} 的密码：`);
  await withContext(async (ctx) => {
    const r = await login(ctx, username, password, 'cli');
    const file = saveSession({ token: r.token, username: r.account.username, expiresAt: r.expiresAt });
    say(`已登录：${r.account.displayName}（${r.account.username}，${rolesText(r.account.roles)}），有效至 ${r.expiresAt}。`);
    say(`登录令牌保存在 ${file}（仅本用户可读）；用毕请 logout。`);
  });
}

export async function logoutCommand(): Promise<void> {
  await withContext(async (ctx) => {
    try {
      await logout(ctx, await signedIn(ctx, 'signed-in'));
    } finally {
      forgetSession();
    }
    say('已退出登录。');
  });
}

export async function whoamiCommand(): Promise<void> {
  await withContext(async (ctx) => {
    const a = await signedIn(ctx, 'signed-in');
    say(`${a.displayName}（${a.username}），角色：${rolesText(a.roles)}`);
  });
}

/**
 * `account create-admin <username> --name 姓名` (the first administrator, from the machine's shell) | `account create
 * <username> --name 姓名 --role reviewer[,payer]` | `list` | `disable|enable <username>` | `roles <username> --role …` |
 * `reset-password <username>` — passwords typed, or the first line of stdin.
 */
export async function accountCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, role: { type: 'string' } } });
  const [sub, username] = positionals;
  switch (sub) {
    case 'create-admin': {
      const u = need(username, '用户名');
      const displayName = need(values.name, '姓名（--name）');
      const password = await newPassword();
      const req = parseInput(CreateAccountRequestSchema, { username: u, displayName, roles: ['administrator'], password });
      await withContext(async (ctx) => {
        const a = await createFirstAdministrator(ctx, req);
        say('已创建第一个管理员账号：');
        show(a);
        say(`请用 npm run central -- login ${a.username} 登录，再用 account create 为审核、支付、发布人员各建账号。`);
      });
      return;
    }
    case 'create': {
      const u = need(username, '用户名');
      const displayName = need(values.name, '姓名（--name）');
      const r = roles(values.role);
      const password = await newPassword();
      const req = parseInput(CreateAccountRequestSchema, { username: u, displayName, roles: r, password });
      await withAccount('accounts.manage', async (ctx, actor) => {
        show(await createAccount(ctx, actor, req));
        say('已创建。请把初始密码当面告知本人。');
      });
      return;
    }
    case 'list':
      await withAccount('accounts.manage', async (ctx, actor) => {
        for (const a of await listAccounts(ctx, actor)) show(a);
      });
      return;
    case 'disable':
    case 'enable':
    case 'roles':
    case 'reset-password': {
      const u = need(username, '用户名');
      const change =
        sub === 'disable'
          ? { state: 'disabled' as const }
          : sub === 'enable'
            ? { state: 'active' as const }
            : sub === 'roles'
              ? { roles: roles(values.role) }
              : { password: await newPassword() };
      const req = parseInput(UpdateAccountRequestSchema, change);
      await withAccount('accounts.manage', async (ctx, actor) => {
        show(await updateAccount(ctx, actor, u, req));
        say('已修改；该账号的登录已全部失效，须重新登录。');
      });
      return;
    }
    default:
      throw new UsageError(`未知的 account 子命令：${sub ?? '（无）'}`);
  }
}

/** `audit list [--after N] [--limit N] | audit verify`: central's own audit of the back office (administrator). */
export async function auditCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { after: { type: 'string' }, limit: { type: 'string' } } });
  const after = values.after === undefined ? 0 : Number(values.after);
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(limit) || limit < 1) throw new UsageError('--after、--limit 应为非负整数');
  await withAccount('audit.read', async (ctx) => {
    if (positionals[0] === 'verify') {
      const r = await verifyAudit(ctx);
      if (r.ok) say(`审计链完整：共 ${r.rows} 条，逐条哈希相接。`);
      else {
        say(`审计链断裂：${r.reason}`);
        process.exitCode = 1;
      }
      return;
    }
    if (positionals[0] !== 'list') throw new UsageError(`未知的 audit 子命令：${positionals[0] ?? '（无）'}`);
    for (const r of await ctx.store.backOffice.auditPage(after, limit)) {
      say(`${r.id}  ${r.at}  ${r.accountName}  ${r.action}  ${r.entity}${r.entityId ? `:${r.entityId}` : ''}  ${JSON.stringify(r.detail)}`);
    }
  });
}
