import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowInstant } from '../../shared/time';
import { PROTOCOL_VERSION } from '../../shared/sync/version';
import type { EnrollResponse } from '../../shared/sync/stations';
import type { PullResponse } from '../../shared/sync/pull';
import { OFFICIAL_CALENDAR_YEARS } from '../../shared/calendar';
import { buildApp } from '../app';
import { defaultConfig } from '../config';
import { createContext, type CentralContext } from '../services/context';
import { SqliteStore } from '../store/sqlite';
import { tempDir } from '../testing/backends';
import { enrollmentForm, windowPerson } from '../testing/fixtures';
import type { FastifyInstance } from 'fastify';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A CLI command as the OS user who signed in as `as` (each has a token file of their own), with `input` on stdin. */
function cliAs(dataDir: string, o: { as?: string; input?: string }, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'central/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, CENTRAL_DATA_DIR: dataDir, DATABASE_URL: '', CENTRAL_LOG_LEVEL: 'silent', CENTRAL_TOKEN_FILE: path.join(dataDir, `token-${o.as ?? 'nobody'}.json`), CENTRAL_TOKEN: '' },
    encoding: 'utf8',
    ...(o.input !== undefined ? { input: o.input } : {}),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const PW = 'cli-test-password-2026';

/** Sign each back-office person in, as the machine's operator sets them up: create-admin, then accounts by the admin. */
function setUpBackOffice(dir: string) {
  const admin = cliAs(dir, { input: `${PW}\n` }, 'account', 'create-admin', 'admin', '--name', '系统管理员');
  expect(admin.code, admin.err).toBe(0);
  expect(cliAs(dir, { as: 'admin', input: `${PW}\n` }, 'login', 'admin').code).toBe(0);
  for (const [u, name, role] of [
    ['li.shenhe', '李审核', 'reviewer'],
    ['publisher', '发布员', 'publisher'],
  ] as const) {
    const made = cliAs(dir, { as: 'admin', input: `${PW}\n` }, 'account', 'create', u, '--name', name, '--role', role);
    expect(made.code, made.err).toBe(0);
    expect(cliAs(dir, { as: u, input: `${PW}\n` }, 'login', u).code).toBe(0);
  }
}

describe('the back-office CLI (SQLite data dir)', () => {
  let dir: string;
  let store: SqliteStore;
  let ctx: CentralContext;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = tempDir('central-cli-');
    store = new SqliteStore(path.join(dir, 'central.sqlite'));
    ctx = await createContext(store, defaultConfig({ dataDir: dir, logLevel: 'silent' }));
    app = buildApp(ctx);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('issues a code, reviews a case, publishes data — and the station sees it all', async () => {
    setUpBackOffice(dir);
    // Not signed in, or signed in without the role: refused, nothing done.
    const anonymous = cliAs(dir, { as: 'nobody' }, 'station', 'issue-code', 'TOWN09', '--region', '371002');
    expect(anonymous.code).toBe(1);
    expect(anonymous.err).toContain('登录');
    const reviewerIssues = cliAs(dir, { as: 'li.shenhe' }, 'station', 'issue-code', 'TOWN09', '--region', '371002');
    expect(reviewerIssues.code).toBe(1);
    expect(reviewerIssues.err).toContain('无权');
    const cli = (d: string, ...args: string[]) => cliAs(d, { as: args[0] === 'review' ? 'li.shenhe' : args[0] === 'publish' ? 'publisher' : 'admin' }, ...args);
    const issued = cli(dir, 'station', 'issue-code', 'TOWN01', '--region', '371002', '--name', '某镇便民服务中心');
    expect(issued.code, issued.err).toBe(0);
    const code = /([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})/.exec(issued.out)?.[1];
    expect(code).toBeDefined();

    const enrolled = await app.inject({ method: 'POST', url: '/v1/stations/enroll', payload: { protocol: PROTOCOL_VERSION, stationCode: 'TOWN01', code } });
    expect(enrolled.statusCode).toBe(201);
    const info = enrolled.json<EnrollResponse>();
    const auth = { authorization: `Bearer ${info.credential}` };

    const at = nowInstant(ctx.clock);
    const person = windowPerson(ctx.newId(), 1, at);
    const caseId = ctx.newId();
    const c = {
      id: caseId, caseNo: 'TOWN01-20260520-0001', family: 'enrollment', itemCode: 'resident_enrollment', personId: person.id, proxy: null,
      status: 'draft', version: 1, form: enrollmentForm(), materials: [{ code: 'valid_id', received: true, receivedAt: at }], promiseDate: null,
      acceptedAt: null, slaDue: null, clerkId: ctx.newId(), stationCode: 'TOWN01', syncState: 'pending', syncError: null, createdAt: at, updatedAt: at,
    };
    const op = (seq: number, kind: string, payload: object, baseVersion: number | null) => ({ seq, opId: ctx.newId(), kind, caseId: kind.startsWith('case.') ? caseId : null, payload, baseVersion, createdAt: at });
    const pushed = await app.inject({
      method: 'POST',
      url: '/v1/sync/push',
      headers: auth,
      payload: {
        protocol: PROTOCOL_VERSION,
        stationId: info.stationId,
        ops: [
          op(1, 'person.registered', { person }, null),
          op(2, 'case.created', { case: c, event: 'created', reason: null }, null),
          op(3, 'case.accept', { case: { ...c, status: 'accepted', version: 2 }, event: 'accept', reason: null }, 1),
        ],
      },
    });
    expect(pushed.statusCode).toBe(200);

    const list = cli(dir, 'review', 'list');
    expect(list.code, list.err).toBe(0);
    expect(list.out).toContain(caseId);
    expect(list.out).toContain('已上报的案件：1 件');

    const noNote = cli(dir, 'review', 'return', caseId);
    expect(noNote.code).toBe(2);
    expect(noNote.err).toContain('--note');

    const ret = cli(dir, 'review', 'return', caseId, '--note', '请补充户口簿首页');
    expect(ret.code, ret.err).toBe(0);
    expect(ret.out).toContain('退回补正');
    const illegal = cli(dir, 'review', 'approve', caseId);
    expect(illegal.code).toBe(1);
    expect(illegal.err).toContain('不能批准');

    const file = path.join(dir, 'calendar.json');
    fs.writeFileSync(file, JSON.stringify(OFFICIAL_CALENDAR_YEARS));
    const pub = cli(dir, 'publish', 'calendar', file);
    expect(pub.code, pub.err).toBe(0);
    expect(pub.out).toContain(`已发布 ${OFFICIAL_CALENDAR_YEARS.length} 条`);

    const pulled = await app.inject({ method: 'GET', url: '/v1/sync/pull?cursor=0', headers: auth });
    const changes = pulled.json<PullResponse>().changes;
    expect(changes.find((ch) => ch.kind === 'case.status' && ch.data.status === 'returned')?.data).toMatchObject({ note: '请补充户口簿首页' });
    expect(changes.filter((ch) => ch.kind === 'calendar.year')).toHaveLength(OFFICIAL_CALENDAR_YEARS.length);

    const revoked = cli(dir, 'station', 'revoke', 'TOWN01');
    expect(revoked.code, revoked.err).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/v1/sync/pull', headers: auth })).statusCode).toBe(403);
    // (About fifteen CLI processes, each starting Node with tsx: give it the time a loaded machine needs.)
  }, 180_000);

  it('refuses unknown commands with the usage text', () => {
    const r = cliAs(dir, {}, 'frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('用法');
  });

  it('serve starts on the data dir, prints the URL, answers health, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'central/cli.ts', 'serve', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, CENTRAL_DATA_DIR: dir, DATABASE_URL: '', CENTRAL_LOG_LEVEL: 'silent' },
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)\/v1\/health/.exec(out);
        if (m) {
          clearTimeout(t);
          resolve(m[1]!);
        }
      });
    });
    const health = await fetch(`${url}/v1/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { storage: string }).storage).toBe('sqlite');
    expect(out).toContain('后台账号');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
