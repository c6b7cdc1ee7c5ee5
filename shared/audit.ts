import { CASE_EVENT_KINDS } from './cases/model';
import { CENTRAL_STATUSES } from './cases/status';

/**
 * What the station's audit log records, one name per kind of action: `<entity>.<what>`, lower case, words
 * joined by `_`. A case's actions are its events (`case.accept`, `case.sync_rejected`, …) and central's
 * decisions (`case.central_approved`, …).
 */
export const STATION_AUDIT_ACTIONS = [
  'station.initialize',
  'auth.sign_in',
  'auth.failed',
  'auth.sign_out',
  'auth.locked',
  'auth.expired',
  'user.create',
  'user.password_change',
  'user.password_reset',
  'user.disable',
  'user.enable',
  'user.role_change',
  'person.read',
  'person.search',
  'person.register',
  'person.insurance_update',
  'person.update',
  'roster.load',
  'queue.read',
  'case.read',
  'case.handler_assign',
  'case.field_reveal',
  'estimate.read',
  'estimate.compute',
  'attachment.read',
  'attachment.damaged',
  'audit.read',
  'audit.export',
  'audit.verify',
  'audit.break',
  'catalog.seed',
  'calendar.seed',
  'policy.seed',
  'sync.enroll',
  'bundle.export',
  'bundle.relay',
  'store.encrypt',
  'store.rekey',
  'keys.recovery_issue',
  'keys.weak_confirm',
  'keys.unlock',
  'keys.local_key',
  'backup.configure',
  'backup.run',
  'backup.restore',
  // The front office (issue 15).
  'hall.configure',
  'ticket.issue',
  'ticket.call',
  'ticket.serve',
  'ticket.skip',
  'ticket.transfer',
  'ticket.case_link',
  'appointment.book',
  'appointment.cancel',
  'appointment.read',
  'appointment.check_in',
  'rating.give',
  'rating.request',
  'followup.visit',
  'followup.rectify',
  'followup.appeal',
  'followup.appeal_decide',
  'stats.export',
  'device.issue',
  'device.revoke',
  'device.sign_in',
  'device.refused',
  'trip.create',
  'trip.prepare',
  'trip.start',
  'trip.end',
  'trip.report',
  'visit.record',
  'visit.read',
  'outreach.read',
  'batch.validate',
  'batch.import',
  'batch.cancel',
  'batch.read',
] as const;

export const AUDIT_ACTIONS = [
  ...STATION_AUDIT_ACTIONS,
  ...CASE_EVENT_KINDS.map((k) => `case.${k}` as const),
  ...CENTRAL_STATUSES.map((s) => `case.central_${s}` as const),
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Names older versions wrote, as today's (rows are never rewritten: the hash chain covers them). */
export const LEGACY_AUDIT_ACTIONS: Readonly<Record<string, AuditAction>> = {
  'auth.signIn': 'auth.sign_in',
  'sync.bundle.export': 'bundle.export',
  'sync.bundle.relay': 'bundle.relay',
  ...Object.fromEntries(CENTRAL_STATUSES.map((s) => [`case.central.${s}`, `case.central_${s}` as const])),
};

/** Today's name of an action read from the log (a legacy name mapped, an unknown one as it is). */
export function auditActionOf(stored: string): AuditAction | string {
  return LEGACY_AUDIT_ACTIONS[stored] ?? stored;
}
