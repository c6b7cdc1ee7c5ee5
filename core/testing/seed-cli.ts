import { parseArgs } from 'node:util';
import { createCore } from '../core';
import { issueRecoveryKey } from '../features/keys/keys';
import { initialize } from '../features/session/setup';
import { isInitialized } from '../reference/station';
import { createUser, listUsers } from '../features/session/users';
import { loadRoster } from '../features/persons/roster';
import { seedCases } from './seed';
import { prng, syntheticRoster } from './generate';
import type { SessionUser } from '../../shared/api/channels/auth';

/**
 * Fill a station's data directory with demo data (for end-to-end tests, benchmarks and demos):
 *   node --import tsx core/testing/seed-cli.ts --data-dir DIR [--persons 2000] [--cases 10000]
 * Sets the station up first when needed (supervisor `admin` / password `demo-pass-2026`, clerks `clerk1`, `clerk2`,
 * proxy helper `helper1`, mobile team `mobile1`, all with password `demo-pass-2026`).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      persons: { type: 'string', default: '2000' },
      cases: { type: 'string', default: '0' },
      seed: { type: 'string', default: '7' },
      'spread-days': { type: 'string', default: '40' },
    },
  });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir is required');
  // Cases are spread over the past days (so some are overdue): the seeding clock walks towards now.
  let offset = 0;
  const clock = { now: () => Date.now() - offset };
  const core = createCore({ dataDir, clock });
  const ctx = core.ctx;
  const password = 'demo-pass-2026';
  let admin: SessionUser;
  if (!isInitialized(ctx)) {
    admin = (
      await initialize(ctx, {
        station: { code: 'QS01', name: '青石镇便民服务中心医保窗口', regionCode: '371002' },
        supervisor: { username: 'admin', displayName: '王站长', password },
      })
    ).user;
    for (const [username, displayName, role] of [
      ['clerk1', '李敏', 'clerk'],
      ['clerk2', '赵静', 'clerk'],
      ['helper1', '孙帮办', 'proxy_helper'],
      ['mobile1', '周服务队', 'mobile_team'],
    ] as const) {
      await createUser(ctx, admin, { username, displayName, role, password });
    }
    // A demo station has its recovery key made (a real one's supervisor is shown it once after setup, to print).
    console.log(`recovery key: ${issueRecoveryKey(ctx, admin).recoveryKey}`);
  } else {
    const sup = listUsers(ctx).find((u) => u.role === 'supervisor');
    if (!sup) throw new Error('no supervisor in this store');
    admin = sup;
  }
  const persons = Number(values.persons);
  if (persons > 0) {
    const r = await loadRoster(ctx, syntheticRoster(persons, Number(values.seed)), { total: persons });
    if (!r.ok) throw new Error(`roster refused: ${JSON.stringify(r.errors.slice(0, 3))}`);
    console.log(`roster: ${r.rows} persons`);
  }
  const count = Number(values.cases);
  if (count > 0) {
    const clerks = listUsers(ctx).filter((u) => u.role !== 'supervisor');
    const personIds = (ctx.db.prepare('SELECT id FROM persons').pluck().all() as string[]);
    const rand = prng(Number(values.seed) + 1);
    const spreadMs = Number(values['spread-days']) * 86_400_000;
    const beforeCase = (i: number) => {
      offset = Math.round(spreadMs * (1 - i / count));
    };
    seedCases(ctx, { count, rand, clerks, personIds, beforeCase, onProgress: (d) => d % 5000 === 0 && console.log(`cases: ${d}`) });
    offset = 0;
    console.log(`cases: ${count} created`);
  }
  core.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
