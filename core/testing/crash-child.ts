import { writeSync } from 'node:fs';
import { createCore } from '../core';
import { intakeCase, createCase } from '../features/cases/cases';
import { listUsers } from '../features/session/users';
import { sampleFormOn } from './seed';
import { materialsFor } from '../../shared/cases/materials';
import { today } from '../../shared/time';

/**
 * Child process of the crash-safety test: creates cases in a loop on the given store and prints each
 * case id on stdout only after the call that created it has returned (i.e. after commit).
 *   node --import tsx core/testing/crash-child.ts <dbPath>
 */
const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: crash-child <dbPath>');
const core = createCore({ dbPath, log: { error: () => undefined } });
const ctx = core.ctx;
const user = listUsers(ctx).find((u) => u.role === 'clerk');
if (!user) throw new Error('no clerk');
const personId = ctx.db.prepare('SELECT id FROM persons LIMIT 1').pluck().get() as string;
const item = ctx.catalog.get('transfer_continuation')!;
const form = sampleFormOn(item, today(ctx.clock));
const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  const c = i % 3 === 0 ? createCase(ctx, user, { itemCode: item.code, personId, form }) : intakeCase(ctx, user, { itemCode: item.code, personId, form, materialsReceived: received });
  writeSync(1, `${c.id} ${c.caseNo}\n`);
}
