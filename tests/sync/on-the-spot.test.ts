import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStation, residentId, type TestStation } from '../../core/testing/fixtures';
import { intakeSample } from '../../core/testing/intake';
import type { Session } from '../../core/session';
import { CentralServer } from './central-server';

/**
 * Items handled on the spot (即时办结) with central reachable: central decides them as they arrive and the window
 * shows 办结 after the same sync round; a completed enrollment puts the person's insurance record at the station
 * (参保中, type, tier, cover start). Offline they wait, counted apart as 待联网办结.
 */
let central: CentralServer;
let st: TestStation;
let clerk: Session;
let personId: string;

beforeEach(async () => {
  central = await CentralServer.start({ autoDecide: { onTheSpot: true } });
  st = await createTestStation();
  clerk = await st.as('clerk');
  personId = (await st.call(clerk, 'persons.register', { idNumber: residentId('1960-07-08', 41), name: '刘德明' })).id;
});
afterEach(async () => {
  st?.cleanup();
  await central?.stop();
});

const intake = (code: string) => intakeSample(st, clerk, code, personId);

describe('即时办结 with central reachable', () => {
  it('is completed by central in the same round; the enrollment gives the person their insurance record', async () => {
    // Taken in before the station was connected: it waits, counted apart.
    const enrollment = await intake('resident_enrollment');
    expect((await st.call(clerk, 'queue.counts', {})).awaitingCentral).toBe(1);
    expect((await st.call(clerk, 'persons.get', { id: personId })).insurance).toEqual([]);

    const sup = await st.as('supervisor');
    await st.call(sup, 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
    const limited = await intake('transfer_continuation');
    const run = await st.call(clerk, 'sync.now', {});
    expect(run.ok).toBe(true);

    const done = await st.call(clerk, 'cases.get', { caseId: enrollment.id });
    expect(done.case.status).toBe('completed');
    expect(done.events.at(-1)).toMatchObject({ kind: 'complete', actorRole: 'central' });
    expect(done.central).toMatchObject({ version: 2, note: '即时办结' });
    expect((await st.call(clerk, 'cases.get', { caseId: limited.id })).case.status).toBe('submitted');
    expect((await st.call(clerk, 'queue.counts', {})).awaitingCentral).toBe(0);

    // The sample enrollment: adult, tier 1, 2027, region 320623 — cover from 1 January 2027.
    const person = await st.call(clerk, 'persons.get', { id: personId });
    expect(person.insurance).toEqual([{ type: '390', status: '1', regionCode: '320623', since: '2027-01-01', tier: 'tier1' }]);
    const audit = st.core.ctx.db.prepare("SELECT actor_name AS actor, entity_id AS id FROM audit_log WHERE action = 'person.insurance_update'").all();
    expect(audit).toEqual([{ actor: '中心系统', id: personId }]);
  });
});

/** A 1×1 PNG: a signature's image as the signature pad hands it over. */
const SIGNATURE = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('documents of a case central already decided (归档)', () => {
  it('a receipt signed after 即时办结 is archived with the case, offline before the sync or online after it', async () => {
    // Offline on a trip: taken in, then the applicant signs the receipt; central will complete it on arrival.
    const c = await intake('resident_enrollment');
    const offline = await st.call(clerk, 'attachments.add', { caseId: c.id, version: c.version, fileName: 'signature-receipt-applicant.png', mime: 'image/png', dataBase64: SIGNATURE.toString('base64') });

    const sup = await st.as('supervisor');
    await st.call(sup, 'sync.enroll', { centralUrl: central.url, code: await central.issueCode('TOWN01') });
    expect((await st.call(clerk, 'sync.now', {})).ok).toBe(true);
    let view = await st.call(clerk, 'cases.get', { caseId: c.id });
    expect(view.case).toMatchObject({ status: 'completed', syncState: 'synced', syncError: null });
    expect(view.events.filter((e) => e.kind === 'sync_rejected')).toEqual([]);
    const refused = st.core.ctx.db.prepare("SELECT kind, result_code AS code FROM outbox WHERE state = 'rejected'").all();
    expect(refused).toEqual([]);

    // Online, after central completed it: the agent's photo of the ID card, for the case's file.
    const photo = Buffer.concat([SIGNATURE, Buffer.from('later')]);
    const materials = view.case.materials;
    const online = await st.call(clerk, 'attachments.add', { caseId: c.id, version: view.case.version, materialCode: materials[0]!.code, fileName: '身份证.png', mime: 'image/png', dataBase64: photo.toString('base64') });
    expect((await st.call(clerk, 'sync.now', {})).ok).toBe(true);
    view = await st.call(clerk, 'cases.get', { caseId: c.id });
    expect(view.case).toMatchObject({ status: 'completed', syncState: 'synced', syncError: null });
    expect(view.events.filter((e) => e.kind === 'sync_rejected')).toEqual([]);

    // Central keeps both files with the case; its decision is untouched.
    const held = await central.store.caseById(c.id);
    expect(held).toMatchObject({ status: 'completed', centralVersion: 2, decidedBy: '中心系统（即时办结）' });
    expect(held!.attachments.map((a) => a.sha256).sort()).toEqual([offline.attachment.sha256, online.attachment.sha256].sort());
    expect(held!.snapshot.materials).toEqual(materials);
    for (const a of [offline.attachment, online.attachment]) expect(await central.blob(a.sha256)).not.toBeNull();
  });
});
