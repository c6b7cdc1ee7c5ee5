import type { ChannelName } from './api/contract';
import type { AuditAction } from './audit';
import { ROLES, type DeviceKind, type Principal, type Role } from './roles';

/**
 * Least privilege, written once: for every channel, which roles may call it and over whose data (the scope), and
 * what the call writes to the audit log. The router refuses a role the table does not name (`forbidden`); the
 * feature services narrow what a role reaches with the same table (core/access.ts). A test walks every cell:
 * every channel × every role × own and other data (core/access.test.ts).
 *
 * Scopes:
 * - `station`: everything the station holds (or, for a channel that carries no personal data, simply "allowed").
 * - `handled`: only the cases the user handles — took in as the clerk, or is named a handler of — and the
 *   persons of those cases (帮办代办员).
 * - `trip`: what the user's trips carry (医保基层服务队): the cases the user took in, the cases taken in on a trip
 *   the user is a member of, their persons, and the persons of the villages of the user's trips not yet ended
 *   (core/access.ts `reachOf`, db/repos/case-handlers.ts `reachSql`); the trips themselves are those the user is a
 *   member of.
 * - `self`: the user's own account only.
 */
export const SCOPES = ['station', 'handled', 'trip', 'self'] as const;
export type Scope = (typeof SCOPES)[number];

/** The narrow scopes: what the user reaches is a set of cases (and their persons), not the whole station. */
export function isCaseBound(scope: Scope): scope is 'handled' | 'trip' {
  return scope === 'handled' || scope === 'trip';
}

export interface ChannelAccess {
  /**
   * `public`: before sign-in (setup, sign-in); otherwise the roles allowed and the scope of each. A device kind
   * (`display`, `kiosk`: shared/roles DEVICE_KINDS) is named only on the few channels its screen calls; a device
   * session reaches nothing else, public channels included (core/router.ts).
   */
  roles: 'public' | Partial<Record<Principal, Scope>>;
  /**
   * What one call writes to the audit log (besides nothing): a read of personal data writes ONE row listing what
   * was shown; a change writes the rows of its actions. Empty: the channel shows or changes nothing personal.
   */
  audit: readonly AuditAction[];
}

const everyone = (scope: Scope = 'station'): Record<Role, Scope> => ({ clerk: scope, proxy_helper: scope, mobile_team: scope, supervisor: scope });
/** The cases and persons a role reaches: clerks and supervisors the station's, helpers theirs, mobile teams their trip's. */
const caseWork: Record<Role, Scope> = { clerk: 'station', proxy_helper: 'handled', mobile_team: 'trip', supervisor: 'station' };
/** Window work proxy helpers do not do (withdraw, correct, hand out, assess): the status machine's WINDOW roles. */
const windowWork: Partial<Record<Role, Scope>> = { clerk: 'station', mobile_team: 'trip', supervisor: 'station' };
const supervisor: Partial<Record<Role, Scope>> = { supervisor: 'station' };
/** The hall's window work (叫号, 一窗通办): clerks and supervisors at the station's windows. */
const hallWork: Partial<Record<Role, Scope>> = { clerk: 'station', supervisor: 'station' };
/** Village trips: the mobile team's own (the trips it is a member of), and the station's for clerks and supervisors. */
const tripWork: Partial<Record<Role, Scope>> = { clerk: 'station', mobile_team: 'trip', supervisor: 'station' };
/** Batch proxy import: helpers (their own batches) and the window. */
const batchWork: Partial<Record<Role, Scope>> = { clerk: 'station', proxy_helper: 'handled', supervisor: 'station' };

export const ACCESS = {
  'setup.status': { roles: 'public', audit: [] },
  'setup.initialize': { roles: 'public', audit: ['station.initialize'] },
  'auth.signIn': { roles: 'public', audit: ['auth.sign_in', 'auth.failed', 'auth.locked'] },
  'auth.signOut': { roles: everyone('self'), audit: ['auth.sign_out'] },
  'auth.me': { roles: 'public', audit: [] },
  'auth.changePassword': { roles: everyone('self'), audit: ['user.password_change', 'auth.failed'] },

  'users.list': { roles: supervisor, audit: [] },
  'users.create': { roles: supervisor, audit: ['user.create'] },
  'users.resetPassword': { roles: supervisor, audit: ['user.password_reset'] },
  'users.setDisabled': { roles: supervisor, audit: ['user.disable', 'user.enable'] },
  'users.setRole': { roles: supervisor, audit: ['user.role_change'] },

  // Search shows names and ID numbers: one audit row per request listing the persons shown.
  'persons.search': { roles: caseWork, audit: ['person.search'] },
  'persons.get': { roles: caseWork, audit: ['person.read'] },
  // Exact look-up by an ID number typed or scanned from the card in hand: how every intake role starts a case
  // for a person in front of them (a helper's new client is not theirs yet). Audited.
  'persons.findByIdNumber': { roles: everyone('station'), audit: ['person.read'] },
  'persons.register': { roles: everyone('station'), audit: ['person.register'] },
  // Correct a person's name, phone or address: those within reach; which fields changed is audited.
  'persons.update': { roles: caseWork, audit: ['person.update'] },

  'catalog.list': { roles: everyone('station'), audit: [] },
  'catalog.get': { roles: everyone('station'), audit: [] },

  // A new case is the user's own; the person it is for may be anyone at the station.
  'cases.create': { roles: everyone('station'), audit: ['case.created'] },
  'cases.intake': { roles: everyone('station'), audit: ['case.created', 'case.accept', 'case.accept_rongque'] },
  'cases.updateDraft': { roles: caseWork, audit: ['case.edited'] },
  'cases.accept': { roles: caseWork, audit: ['case.accept', 'case.accept_rongque'] },
  'cases.recordMaterials': { roles: caseWork, audit: ['case.materials_recorded', 'case.complete_materials'] },
  'cases.withdraw': { roles: windowWork, audit: ['case.withdraw'] },
  'cases.resubmit': { roles: windowWork, audit: ['case.resubmit'] },
  'cases.handOut': { roles: windowWork, audit: ['case.hand_out'] },
  // A refusal nothing at the station can correct, taken note of by whoever works the case (a helper: their own).
  'cases.acknowledgeRefusal': { roles: caseWork, audit: ['case.refusal_acknowledged'] },
  'cases.get': { roles: caseWork, audit: ['case.read'] },
  'cases.saveEstimate': { roles: caseWork, audit: ['case.estimate_saved'] },
  'cases.saveLtcAssessment': { roles: windowWork, audit: ['case.estimate_saved'] },
  'cases.estimates': { roles: caseWork, audit: ['estimate.read'] },
  // A masked value of the case page (the payout account) shown in full: who saw it, and when.
  'cases.revealField': { roles: caseWork, audit: ['case.field_reveal'] },

  'queue.list': { roles: caseWork, audit: ['queue.read'] },
  'queue.counts': { roles: caseWork, audit: [] },

  'attachments.add': { roles: caseWork, audit: ['case.attachment_added'] },
  'attachments.list': { roles: caseWork, audit: [] },
  // Name a proxy helper a handler of a case (they then reach it and its person), or no longer.
  'cases.assignHandler': { roles: { clerk: 'station', supervisor: 'station' }, audit: ['case.handler_assign'] },
  'attachments.get': { roles: caseWork, audit: ['attachment.read'] },

  // Without a person the estimate is arithmetic; with one, the person must be in reach and the read is audited.
  'policy.estimate': { roles: caseWork, audit: ['estimate.compute'] },
  'policy.tables': { roles: supervisor, audit: [] },

  // The status bar of every role; the refused ops it lists are narrowed to the user's cases.
  'sync.status': { roles: caseWork, audit: [] },
  'sync.now': { roles: everyone('station'), audit: [] },
  'sync.enroll': { roles: supervisor, audit: ['sync.enroll'] },
  // The station's whole outbox, encrypted for central: the laptop's own work (mobile team) or the station's.
  'sync.exportBundle': { roles: windowWork, audit: ['bundle.export'] },
  // What the export would hold (counts only), and the exported file read back in pieces (sealed: no one here reads it).
  'sync.bundlePreview': { roles: windowWork, audit: [] },
  'sync.readBundle': { roles: windowWork, audit: [] },
  // Another station's bundle, which this station cannot read.
  'sync.relayBundle': { roles: everyone('station'), audit: ['bundle.relay'] },

  // Encryption at rest and backups (issue 13, points 1 and 5): before sign-in while the store is locked or on a
  // new install; the station's keys and backups are the supervisor's.
  'keys.lockStatus': { roles: 'public', audit: [] },
  'keys.unlock': { roles: 'public', audit: ['keys.unlock'] },
  'keys.status': { roles: supervisor, audit: [] },
  'keys.issueRecoveryKey': { roles: supervisor, audit: ['keys.recovery_issue'] },
  // The audit log is the supervisor's: its status (the banner), verifying it, reading and exporting it (both audited).
  'audit.status': { roles: supervisor, audit: [] },
  'audit.verify': { roles: supervisor, audit: ['audit.verify', 'audit.break'] },
  'audit.list': { roles: supervisor, audit: ['audit.read'] },
  'audit.export': { roles: supervisor, audit: ['audit.export'] },
  'keys.confirmWeakProtection': { roles: supervisor, audit: ['keys.weak_confirm'] },
  'keys.localStorageKey': { roles: everyone('self'), audit: ['keys.local_key'] },
  'backup.status': { roles: supervisor, audit: [] },
  'backup.configure': { roles: supervisor, audit: ['backup.configure'] },
  'backup.run': { roles: supervisor, audit: ['backup.run'] },
  'backup.list': { roles: supervisor, audit: [] },
  'backup.inspect': { roles: 'public', audit: [] },
  'backup.restore': { roles: 'public', audit: ['backup.restore'] },

  // The front office (issue 15). The kiosk takes tickets and checks appointments in; the customer display reads
  // the public board (masked names) and gives the rating of its window — the clerk's own session cannot rate.
  'tickets.hall': { roles: hallWork, audit: [] },
  'tickets.saveHall': { roles: supervisor, audit: ['hall.configure'] },
  'tickets.issue': { roles: { ...hallWork, kiosk: 'station' }, audit: ['ticket.issue'] },
  'tickets.checkIn': { roles: { ...hallWork, kiosk: 'station' }, audit: ['appointment.check_in'] },
  'tickets.board': { roles: { ...hallWork, display: 'station', kiosk: 'station' }, audit: [] },
  'tickets.window': { roles: hallWork, audit: [] },
  'tickets.call': { roles: hallWork, audit: ['ticket.call', 'ticket.serve', 'ticket.case_link'] },
  'tickets.recall': { roles: hallWork, audit: [] },
  'tickets.skip': { roles: hallWork, audit: ['ticket.skip'] },
  'tickets.finish': { roles: hallWork, audit: ['ticket.serve', 'ticket.case_link'] },
  'tickets.transfer': { roles: hallWork, audit: ['ticket.transfer', 'ticket.case_link'] },
  'tickets.linkCase': { roles: hallWork, audit: ['ticket.case_link'] },
  'tickets.list': { roles: hallWork, audit: [] },
  'tickets.appointments': { roles: hallWork, audit: ['appointment.read'] },
  'tickets.book': { roles: hallWork, audit: ['appointment.book'] },
  'tickets.cancelAppointment': { roles: hallWork, audit: ['appointment.cancel'] },
  'ratings.prompt': { roles: { display: 'station' }, audit: [] },
  'ratings.submit': { roles: { display: 'station' }, audit: ['rating.give'] },
  'ratings.request': { roles: hallWork, audit: ['rating.request'] },
  'ratings.list': { roles: supervisor, audit: [] },
  'ratings.followUps': { roles: supervisor, audit: [] },
  'ratings.visit': { roles: supervisor, audit: ['followup.visit'] },
  'ratings.rectify': { roles: supervisor, audit: ['followup.rectify'] },
  'ratings.appeal': { roles: supervisor, audit: ['followup.appeal'] },
  'ratings.decideAppeal': { roles: supervisor, audit: ['followup.appeal_decide'] },
  'stats.figures': { roles: supervisor, audit: [] },
  'stats.export': { roles: supervisor, audit: ['stats.export'] },
  'devices.list': { roles: supervisor, audit: [] },
  'devices.issue': { roles: supervisor, audit: ['device.issue'] },
  'devices.revoke': { roles: supervisor, audit: ['device.revoke'] },
  'devices.signIn': { roles: 'public', audit: ['device.sign_in', 'device.refused'] },
  'devices.me': { roles: { display: 'station', kiosk: 'station' }, audit: [] },

  // Village trips (issue 16): the team plans, prepares, sets out and comes back; supervisors plan and read them.
  // A mobile team reaches the trips it is a member of (core/features/trips); clerks and supervisors the station's.
  'trips.list': { roles: tripWork, audit: [] },
  'trips.candidates': { roles: tripWork, audit: [] },
  'trips.create': { roles: tripWork, audit: ['trip.create'] },
  'trips.get': { roles: tripWork, audit: [] },
  'trips.readiness': { roles: tripWork, audit: [] },
  'trips.prepare': { roles: tripWork, audit: ['trip.prepare'] },
  'trips.start': { roles: tripWork, audit: ['trip.start'] },
  'trips.end': { roles: tripWork, audit: ['trip.end'] },
  'trips.current': { roles: everyone('self'), audit: [] },
  // Names the people seen and their cases: one audit row per report.
  'trips.report': { roles: tripWork, audit: ['trip.report'] },
  // Visit records (三送一听): taken by whoever meets the person; read like the person's cases.
  'visits.record': { roles: caseWork, audit: ['visit.record'] },
  'visits.list': { roles: caseWork, audit: ['visit.read'] },
  // The proactive lists name persons: one audit row per list shown. A helper's list is of their own persons.
  'outreach.list': { roles: caseWork, audit: ['outreach.read'] },
  // 全程督办: a helper's own cases; clerks and supervisors follow the station's.
  'outreach.followups': { roles: caseWork, audit: ['case.read'] },
  // Batch proxy import (批量代办): helpers and the window; a helper's batches are their own.
  'batch.items': { roles: batchWork, audit: [] },
  'batch.template': { roles: batchWork, audit: [] },
  'batch.validate': { roles: batchWork, audit: ['batch.validate'] },
  'batch.annotate': { roles: batchWork, audit: [] },
  'batch.start': { roles: batchWork, audit: ['batch.import', 'case.created', 'case.accept', 'case.accept_rongque', 'person.register'] },
  'batch.cancel': { roles: batchWork, audit: ['batch.cancel'] },
  'batch.list': { roles: batchWork, audit: [] },
  'batch.get': { roles: batchWork, audit: ['batch.read'] },
} as const satisfies Record<ChannelName, ChannelAccess>;

/** Every channel's row (a channel missing from the table fails `npm run typecheck` just above). */
const ACCESS_TABLE: Readonly<Record<ChannelName, ChannelAccess>> = ACCESS;

/** What one call of `channel` may write to the audit log. */
export function auditOf(channel: ChannelName): readonly AuditAction[] {
  return ACCESS_TABLE[channel].audit;
}

/** The scope `role` has on `channel`, or null when the role may not call it (public channels: 'station'). */
export function scopeOf(channel: ChannelName, role: Principal): Scope | null {
  const a = ACCESS_TABLE[channel];
  if (a.roles === 'public') return 'station';
  return a.roles[role] ?? null;
}

/** Whether the channel works without sign-in. */
export function isPublic(channel: ChannelName): boolean {
  return ACCESS_TABLE[channel].roles === 'public';
}

/** The roles that may call a channel (all of them for a public one). */
export function rolesOf(channel: ChannelName): readonly Role[] {
  const a = ACCESS_TABLE[channel];
  if (a.roles === 'public') return ROLES;
  const roles = a.roles;
  return ROLES.filter((r) => roles[r] !== undefined);
}

/**
 * Whether a device (a display or a kiosk) may call `channel`: only where its row names the device's kind. A
 * public channel is not open to it either: a device session reaches its own channels and nothing else.
 */
export function deviceMayCall(channel: ChannelName, kind: DeviceKind): boolean {
  const a = ACCESS_TABLE[channel];
  return a.roles !== 'public' && a.roles[kind] !== undefined;
}

/** The refusal of every channel a device credential does not name. */
export const FORBIDDEN_DEVICE_MESSAGE = '此设备（叫号屏/取号机）只能使用叫号显示、取号和评价功能';

/** The refusal every channel gives a role the table does not name. */
export const FORBIDDEN_ROLE_MESSAGE = '您的角色不能进行此操作';
/** The refusal for data outside the user's scope (a helper's other cases, a person of none of their cases). */
export const FORBIDDEN_SCOPE_MESSAGE = '无权访问：只能查看和办理本人经手的案件及其参保人';
