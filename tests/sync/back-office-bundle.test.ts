import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { BUNDLE_CONTENT_TYPE } from '../../shared/sync';
import { materialsFor } from '../../shared/cases/materials';
import { createTestStation, residentId, type TestStation } from '../../core/testing/fixtures';
import { sampleFormOn } from '../../core/testing/seed';
import { CentralServer } from './central-server';

/**
 * A USB bundle imported over the back office's HTTP API is the administrator's action: refused for any other
 * role, and recorded in central's hash-chained audit under the account that imported it.
 */
let central: CentralServer | undefined;
let mobile: TestStation | undefined;

afterEach(async () => {
  mobile?.cleanup();
  await central?.stop();
});

it('a bundle import over HTTP needs the administrator and is in central’s audit under that account', async () => {
  central = await CentralServer.start();
  mobile = await createTestStation();
  const team = await mobile.as('mobile_team');
  await mobile.call(await mobile.as('supervisor'), 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
  const person = await mobile.call(team, 'persons.register', { idNumber: residentId('1945-01-01', 321), name: '王秀英' });
  const item = mobile.core.ctx.catalog.get('offsite_long_term_residence_filing')!;
  const form = sampleFormOn(item, '2026-11-23');
  const received = materialsFor(item, form, false).filter((m) => m.needed).map((m) => m.material.code);
  await mobile.call(team, 'cases.intake', { itemCode: item.code, personId: person.id, form, materialsReceived: received });
  const bytes = readFileSync((await mobile.call(team, 'sync.exportBundle', {})).path);

  const post = async (who: 'reviewer' | 'administrator') =>
    fetch(`${central!.url}/v1/admin/bundles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await central!.signIns.token(who)}`, 'content-type': BUNDLE_CONTENT_TYPE },
      body: bytes,
    });
  expect((await post('reviewer')).status).toBe(403);
  const ok = await post('administrator');
  expect(ok.status).toBe(200);
  const result = (await ok.json()) as { applied: number; stationCode: string };
  expect(result.applied).toBeGreaterThan(0);

  const audit = await central.store.backOffice.auditPage(0, 1000);
  const row = audit.find((a) => a.action === 'bundle.import');
  expect(row).toMatchObject({ accountName: 'admin', accountId: central.signIns.account('administrator').id, detail: { stationCode: 'TOWN01', applied: result.applied } });
});
