import type { CoreContext } from './context';
import type { Session } from './session';
import type { ChannelName, ChannelOutput, Channels } from '../shared/api/contract';
import type { SessionUser } from '../shared/api/channels/session';
import type { Case } from '../shared/cases/model';
import type { CaseView } from '../shared/api/channels/cases';
import type { z } from 'zod';
import { fail } from '../shared/api/errors';
import { initialize, isInitialized, station } from './services/setup';
import { signIn, createUser, listUsers } from './services/users';
import { searchPersons, getPerson, findByIdNumber, registerPerson } from './services/persons';
import { listItems, requireItem } from './services/catalog';
import { resubmitCase, handOutCase, createCase, intakeCase, updateDraft, acceptCase, recordMaterials, withdrawCase, getCase } from './services/cases';
import { caseView } from './services/case-view';
import { syncStatus, syncNow, exportBundleFile, relayBundle, enrollStation } from './services/sync';
import { listQueue, queueCounts } from './services/queue';
import { addAttachment, listAttachments, getAttachment } from './services/attachments';
import { estimate, saveEstimate, saveLtcAssessment, listEstimates, listPolicyTables } from './services/policy';

type In<C extends ChannelName> = z.output<Channels[C]['input']>;
type Handler<C extends ChannelName> = (ctx: CoreContext, session: Session, input: In<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };

/** The signed-in user (the router has already checked there is one for non-public channels). */
function me(session: Session): SessionUser {
  if (!session.user) fail('not_signed_in', '请先登录');
  return session.user;
}

/** The case view after a change, telling listeners (the queue screen) which case changed. */
function changed(ctx: CoreContext, user: SessionUser, c: Case): CaseView {
  ctx.events.emit('cases.changed', { caseIds: [c.id] });
  return caseView(ctx, user, c);
}

/** Channel → service. Thin: parsing, roles and output checks live in the router. */
export const HANDLERS: Handlers = {
  'setup.status': (ctx) => ({ initialized: isInitialized(ctx), station: station(ctx) }),
  'setup.initialize': (ctx, session, input) => {
    const r = initialize(ctx, input);
    session.user = r.user;
    return r;
  },
  'auth.signIn': (ctx, session, input) => {
    const user = signIn(ctx, input.username, input.password);
    session.user = user;
    return { user };
  },
  'auth.signOut': (_ctx, session) => {
    session.user = null;
    return {};
  },
  'auth.me': (_ctx, session) => ({ user: session.user }),
  'users.list': (ctx) => listUsers(ctx),
  'users.create': (ctx, session, input) => createUser(ctx, me(session), input),
  'persons.search': (ctx, _s, input) => searchPersons(ctx, input.q, input.limit ?? 20),
  'persons.get': (ctx, session, input) => getPerson(ctx, me(session), input.id),
  'persons.findByIdNumber': (ctx, session, input) => findByIdNumber(ctx, me(session), input.idNumber),
  'persons.register': (ctx, session, input) => registerPerson(ctx, me(session), input),
  'catalog.list': (ctx, _s, input) =>
    listItems(ctx, input.family, input.q).map((i) => ({
      code: i.code,
      family: i.family,
      group: i.group,
      name: i.name,
      limitWorkingDays: i.limitWorkingDays,
      rongque: i.rongque !== null,
      proxyAllowed: i.proxyAllowed,
    })),
  'catalog.get': (ctx, _s, input) => requireItem(ctx, input.code, 'code'),
  'cases.create': (ctx, s, input) => changed(ctx, me(s), createCase(ctx, me(s), input)),
  'cases.intake': (ctx, s, input) => changed(ctx, me(s), intakeCase(ctx, me(s), input)),
  'cases.updateDraft': (ctx, s, input) => changed(ctx, me(s), updateDraft(ctx, me(s), input)),
  'cases.accept': (ctx, s, input) => changed(ctx, me(s), acceptCase(ctx, me(s), input)),
  'cases.recordMaterials': (ctx, s, input) => changed(ctx, me(s), recordMaterials(ctx, me(s), input)),
  'cases.withdraw': (ctx, s, input) => changed(ctx, me(s), withdrawCase(ctx, me(s), input)),
  'cases.resubmit': (ctx, s, input) => changed(ctx, me(s), resubmitCase(ctx, me(s), input)),
  'cases.handOut': (ctx, s, input) => changed(ctx, me(s), handOutCase(ctx, me(s), input)),
  'cases.get': (ctx, s, input) => caseView(ctx, me(s), getCase(ctx, input.caseId)),
  'queue.list': (ctx, _s, input) => listQueue(ctx, input.filter, input.page),
  'queue.counts': (ctx) => queueCounts(ctx),
  'attachments.add': (ctx, s, input) => {
    const r = addAttachment(ctx, me(s), input);
    ctx.events.emit('cases.changed', { caseIds: [input.caseId] });
    return r;
  },
  'attachments.list': (ctx, _s, input) => listAttachments(ctx, input.caseId),
  'attachments.get': (ctx, s, input) => getAttachment(ctx, me(s), input.id),
  'policy.estimate': (ctx, _s, input) => estimate(ctx, input),
  'policy.tables': (ctx) => listPolicyTables(ctx),
  'cases.saveEstimate': (ctx, s, input) => {
    const r = saveEstimate(ctx, me(s), input);
    ctx.events.emit('cases.changed', { caseIds: [input.caseId] });
    return r;
  },
  'cases.saveLtcAssessment': (ctx, s, input) => {
    const r = saveLtcAssessment(ctx, me(s), input);
    ctx.events.emit('cases.changed', { caseIds: [input.caseId] });
    return r;
  },
  'cases.estimates': (ctx, _s, input) => listEstimates(ctx, input.caseId),
  'sync.status': (ctx) => syncStatus(ctx),
  'sync.now': (ctx) => syncNow(ctx),
  'sync.exportBundle': (ctx) => exportBundleFile(ctx),
  'sync.relayBundle': (ctx, s, input) => relayBundle(ctx, me(s), input),
  'sync.enroll': (ctx, _s, input) => enrollStation(ctx, input),
};
