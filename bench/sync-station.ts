import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../core/core';
import { initialize } from '../core/features/session/setup';
import { createUser, listUsers } from '../core/features/session/users';
import { registerPerson } from '../core/features/persons/persons';
import { intakeCase } from '../core/features/cases/cases';
import { residentId } from '../core/testing/fixtures';
import { sampleFormOn } from '../core/testing/seed';
import { materialsFor } from '../shared/cases/materials';
import type { FormValues } from '../shared/catalog/form';
import type { SessionUser } from '../shared/api/channels/auth';
import { today } from '../shared/time';
import { PROTOCOL_MINOR } from '../shared/sync/version';
import { SyncMetaStore } from '../core/features/sync/meta';

/**
 * Stations for the sync benchmarks: a store seeded once with queued cases (accepted at the window in one step,
 * waiting for central: one op each under protocol 1.1),
 * copied for each run so every run pushes the same outbox to a fresh central.
 */
export interface BenchStation {
  core: Core;
  dir: string;
  clerk: SessionUser;
  close(): void;
}

/** Items that claim nothing centrally, and a reimbursement with invoice numbers of its own per case. */
const ITEMS = ['outpatient_reimbursement', 'transfer_continuation', 'chronic_disease_certification', 'ltc_application'];

export async function newStation(code: string): Promise<BenchStation> {
  const dir = mkdtempSync(join(tmpdir(), 'station-bench-'));
  const core = createCore({ dataDir: dir, log: { error: (m, d) => console.error(m, d) } });
  const { user: sup } = await initialize(core.ctx, {
    station: { code, name: `${code} 基准测试站`, regionCode: '371002' },
    supervisor: { username: 'admin', displayName: '站长', password: 'bench-password-1' },
  });
  const clerk = await createUser(core.ctx, sup, { username: 'clerk1', displayName: '李敏', role: 'clerk', password: 'bench-password-1' });
  // The station last talked to a central of the current protocol before it went offline (what the engine
  // records from GET /v1/health), so its intakes are written as the protocol then allows.
  new SyncMetaStore(core.ctx).setCentralMinor(PROTOCOL_MINOR);
  return { core, dir, clerk, close: () => (core.close(), removeStation(dir)) };
}

/** A station's data directory and the key folder beside it (core/config defaultKeyFile). */
function removeStation(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}-keys`, { recursive: true, force: true });
}

/** Person names as the window takes them (no digits): surname × given name. */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['秀英', '桂兰', '玉珍', '凤英', '淑华'];

/** `count` accepted cases through the real services, 1,000 per transaction. */
export function seedQueued(s: BenchStation, count: number): string[] {
  const ctx = s.core.ctx;
  const personIds = Array.from({ length: 50 }, (_, i) => registerPerson(ctx, s.clerk, { idNumber: residentId('1953-05-06', i + 1), name: `${SURNAMES[i % 10]!}${GIVEN[Math.floor(i / 10) % 5]!}` }).id);
  const day = today(ctx.clock);
  const plans = ITEMS.map((code) => {
    const item = ctx.catalog.get(code)!;
    const form = sampleFormOn(item, day);
    return { item, form, received: materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code) };
  });
  const ids: string[] = [];
  for (let done = 0; done < count; ) {
    const n = Math.min(1_000, count - done);
    ctx.tx(() => {
      for (let j = done; j < done + n; j++) {
        const p = plans[j % plans.length]!;
        let form: FormValues = p.form;
        if (p.item.code === 'outpatient_reimbursement') form = { ...form, invoices: (form.invoices as Record<string, unknown>[]).map((r, k) => ({ ...r, invoiceNo: `BENCH${j}-${k}` })) };
        ids.push(intakeCase(ctx, s.clerk, { itemCode: p.item.code, personId: personIds[j % personIds.length]!, form, materialsReceived: p.received }).id);
      }
    });
    done += n;
  }
  return ids;
}

/** A copy of a closed station (its store, attachment files and key), opened. */
export function copyStation(from: BenchStation): BenchStation {
  const dir = mkdtempSync(join(tmpdir(), 'station-bench-'));
  cpSync(from.dir, dir, { recursive: true });
  cpSync(`${from.dir}-keys`, `${dir}-keys`, { recursive: true });
  const core = createCore({ dataDir: dir, log: { error: (m, d) => console.error(m, d) } });
  const clerk = listUsers(core.ctx).find((u) => u.role === 'clerk')!;
  return { core, dir, clerk, close: () => (core.close(), removeStation(dir)) };
}
