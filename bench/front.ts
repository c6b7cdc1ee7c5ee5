import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { summarize, timeRuns, type Suite } from './harness';
import { createCore } from '../core/core';
import { initialize } from '../core/features/session/setup';
import { createUser } from '../core/features/session/users';
import { loadRoster } from '../core/features/persons/roster';
import { syntheticRoster } from '../core/testing/generate';
import { seedCases } from '../core/testing/seed';
import { figures } from '../core/features/stats/figures';
import { ROOT, startServe, RENDERER_DIR } from '../core/testing/serve-process';
import { addDays, instantFromEpoch, today } from '../shared/time';
import { ticketNumber } from '../shared/front/tickets';
import { periodDays, periodOf, secondsBetween, waitSeconds } from '../shared/front/stats';

/**
 * The front office's figures (issue 15):
 * - `stats-month`: milliseconds to compute a month's figures (shared/front/stats definitions) on a store with
 *   100k cases taken in over the 60 days before today (so about half of them in the last full month, the month
 *   measured), 20k of them completed, and that month's tickets, calls and ratings (150 tickets a working day).
 *   Target ≤ 100 ms.
 * - `ticket-call-to-display`: milliseconds from a clerk's call (F2: `tickets.call` posted from the browser with the
 *   clerk's session) to the customer display (`/display`, its own device session) showing the called number on
 *   screen, in Debian's Chromium against the serve host; 60 calls after 5 warm-up ones. Target p95 ≤ 200 ms.
 */
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'demo-pass-2026';
const CALLS = 60;
const WARMUP = 5;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function statsMonth(report: Parameters<Suite['run']>[0]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'yibao-bench-front-'));
  const core = createCore({ dataDir: dir, log: { error: (m, d) => console.error(m, d) } });
  const ctx = core.ctx;
  try {
    const { user: admin } = await initialize(ctx, {
      station: { code: 'BENCH1', name: '基准测试站', regionCode: '371002' },
      supervisor: { username: 'admin', displayName: '站长', password: 'bench-password-1' },
    });
    const clerk = await createUser(ctx, admin, { username: 'clerk1', displayName: '李敏', role: 'clerk', password: 'bench-password-1' });
    const loaded = await loadRoster(ctx, syntheticRoster(20_000, 42), { total: 20_000, yieldBetweenChunks: false, chunkSize: 10_000 });
    if (!loaded.ok) throw new Error('roster refused');
    const personIds = ctx.db.prepare('SELECT id FROM persons').pluck().all() as string[];
    const base = Date.now();
    let offset = 0;
    const realClock = ctx.clock;
    (ctx as { clock: typeof ctx.clock }).clock = { now: () => base - offset };
    const t0 = performance.now();
    seedCases(ctx, { count: CASES, rand: prng(5), clerks: [clerk], personIds, batch: 1_000, beforeCase: (i) => (offset = Math.round(60 * 86_400_000 * (1 - i / CASES))) });
    (ctx as { clock: typeof ctx.clock }).clock = realClock;
    console.error(`(seeded ${CASES} cases in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);

    // 20k completions (办结, as central's decisions arrive), a few days after acceptance; a month of tickets,
    // their calls and ratings — written through the repositories, as the sync and front-office services do.
    const rand = prng(7);
    const accepted = ctx.db.prepare("SELECT id, accepted_at FROM cases WHERE accepted_at IS NOT NULL AND rowid % 5 = 0 LIMIT 20000").all() as { id: string; accepted_at: string }[];
    ctx.tx(() => {
      for (const c of accepted) {
        const at = instantFromEpoch(Math.min(Date.now(), Date.parse(c.accepted_at) + Math.floor(rand() * 20) * 86_400_000));
        ctx.repos.events.append({ id: ctx.newId(), caseId: c.id, at, actorId: null, actorName: '中心', actorRole: 'central', kind: 'complete', fromStatus: 'approved', toStatus: 'completed', reason: null, data: {} });
      }
    });
    // The last full month: the one before today's.
    const monthDay = addDays(`${today(ctx.clock).slice(0, 7)}-01`, -1);
    const monthDays = periodDays(periodOf('month', monthDay));
    ctx.tx(() => {
      for (const day of monthDays) {
        if (!ctx.calendar.isWorkingDay(day)) continue;
        for (let k = 1; k <= 150; k++) {
          const issuedAt = `${day}T${String(8 + Math.floor(k / 20)).padStart(2, '0')}:${String((k * 7) % 60).padStart(2, '0')}:00.000+08:00`;
          const id = ctx.newId();
          const calledAt = instantFromEpoch(Date.parse(issuedAt) + Math.floor(rand() * 1_800_000));
          const endedAt = instantFromEpoch(Date.parse(calledAt) + Math.floor(rand() * 900_000));
          ctx.repos.front.insertTicket({
            id, day, category: 'enrollment', seq: k, number: ticketNumber('A', k), source: 'kiosk', priority: rand() < 0.1 ? 'age70' : null, appointmentId: null,
            slotStart: null, personId: null, name: null, status: 'served', targetWindow: null, transferredAt: null, windowNo: 1 + (k % 2), clerkId: clerk.id,
            issuedBy: clerk.id, issuedAt, calledAt, endedAt,
          });
          ctx.repos.front.insertCall({ id: ctx.newId(), ticketId: id, day, windowNo: 1 + (k % 2), clerkId: clerk.id, calledAt, lastCalledAt: calledAt, recalls: 0, endedAt, outcome: 'served', transferTo: null, first: true, waitSec: waitSeconds(issuedAt, null, calledAt), serviceSec: secondsBetween(calledAt, endedAt) });
          if (k % 3 === 0) {
            ctx.repos.front.insertRating({
              id: ctx.newId(), subject: 'ticket', ticketId: id, caseId: null, caseNos: [], day, windowNo: 1 + (k % 2), clerkId: clerk.id, level: (5 - Math.floor(rand() * 5)) as 1 | 2 | 3 | 4 | 5,
              reasons: [], comment: null, rater: 'self', deviceId: 'bench', at: endedAt, version: 1,
            });
          }
        }
      }
    });
    const month = figures(ctx, 'month', monthDay);
    if (month.cases.takenIn < CASES / 4 || month.completion.completed === 0 || month.tickets.issued === 0) {
      throw new Error(`the month is not what was seeded: ${JSON.stringify({ takenIn: month.cases.takenIn, completed: month.completion.completed, tickets: month.tickets.issued })}`);
    }
    console.error(`(month ${month.period.from}–${month.period.to}: ${month.cases.takenIn} cases taken in, ${month.completion.completed} completed, ${month.tickets.issued} tickets, ${month.ratings.total} ratings)`);
    report(summarize('stats-month', timeRuns(30, () => void figures(ctx, 'month', monthDay), 3), 'ms'));
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** POST one channel to the serve host as a tab (`tab` names the tab's session). */
async function post(origin: string, token: string, tab: string, channel: string, input: unknown): Promise<unknown> {
  const r = await fetch(`${origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-session-token': token, 'x-tab-session': tab },
    body: JSON.stringify(input),
  });
  const body = (await r.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

async function callToDisplay(report: Parameters<Suite['run']>[0]): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.error(`(ticket-call-to-display skipped: ${CHROMIUM} not found)`);
    return;
  }
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error('renderer not built: npm run build first');
  const dataDir = mkdtempSync(join(tmpdir(), 'yibao-bench-display-'));
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'core', 'testing', 'seed-cli.ts'), '--data-dir', dataDir, '--persons', '20', '--cases', '0'], { cwd: ROOT, encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seeding failed: ${seeded.stderr}`);
  const serve = await startServe(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const tab = () => randomBytes(24).toString('base64url');
    const admin = tab();
    const clerk = tab();
    await post(serve.origin, serve.token, admin, 'auth.signIn', { username: 'admin', password: PASSWORD });
    await post(serve.origin, serve.token, clerk, 'auth.signIn', { username: 'clerk1', password: PASSWORD });
    const { key } = (await post(serve.origin, serve.token, admin, 'devices.issue', { kind: 'display', name: '基准叫号屏', windowNo: 1 })) as { key: string };
    for (let i = 0; i < CALLS + WARMUP; i++) await post(serve.origin, serve.token, admin, 'tickets.issue', { category: 'enrollment' });

    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    await page.goto(`${serve.origin}/display#token=${encodeURIComponent(serve.token)}&device=${key}`);
    await page.getByText('请耐心等候叫号').waitFor();
    const samples: number[] = [];
    for (let i = 1; i <= CALLS + WARMUP; i++) {
      // In the page: post the clerk's call, then wait for the display to show the number and paint a frame.
      const ms = (await page.evaluate(
        `(async ({ token, tab, expect }) => {
          const shown = () => document.querySelector('[data-testid="display-latest"] .display-number')?.textContent === expect;
          const t0 = performance.now();
          const done = new Promise((resolve) => {
            const obs = new MutationObserver(() => { if (shown()) { obs.disconnect(); requestAnimationFrame(() => resolve(performance.now())); } });
            obs.observe(document.body, { subtree: true, childList: true, characterData: true });
          });
          const r = await fetch('/api/tickets.call', { method: 'POST', headers: { 'content-type': 'application/json', 'x-session-token': token, 'x-tab-session': tab }, body: JSON.stringify({ windowNo: 1 }) });
          if (!(await r.json()).ok) throw new Error('call refused');
          return (await done) - t0;
        })(${JSON.stringify({ token: serve.token, tab: clerk, expect: ticketNumber('A', i) })})`,
      )) as number;
      if (i > WARMUP) samples.push(ms);
    }
    report(summarize('ticket-call-to-display', samples, 'ms'));
  } finally {
    await browser.close();
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const frontSuite: Suite = {
  figures: ['stats-month', 'ticket-call-to-display'],
  async run(report, wanted) {
    if (wanted.has('stats-month')) await statsMonth(report);
    if (wanted.has('ticket-call-to-display')) await callToDisplay(report);
  },
};

