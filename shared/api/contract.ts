import type { z } from 'zod';
import * as setup from './channels/setup';
import * as auth from './channels/auth';
import * as users from './channels/users';
import * as persons from './channels/persons';
import * as catalog from './channels/catalog';
import * as cases from './channels/cases';
import * as queue from './channels/queue';
import * as attachments from './channels/attachments';
import * as policy from './channels/policy';
import * as sync from './channels/sync';
import * as audit from './channels/audit';
import * as keys from './channels/keys';
import * as backup from './channels/backup';
import * as trips from './channels/trips';
import * as visits from './channels/visits';
import * as outreach from './channels/outreach';
import * as batch from './channels/batch';
import * as tickets from './channels/tickets';
import * as ratings from './channels/ratings';
import * as stats from './channels/stats';
import * as devices from './channels/devices';

/**
 * The whole API between the UI and the core: channel name → contract. Both transports (Electron
 * MessagePort, HTTP in serve mode) carry exactly these channels.
 */
export const CHANNELS = {
  'setup.status': setup.setupStatus,
  'setup.initialize': setup.setupInitialize,
  'auth.signIn': auth.authSignIn,
  'auth.signOut': auth.authSignOut,
  'auth.me': auth.authMe,
  'auth.changePassword': auth.authChangePassword,
  'users.list': users.usersList,
  'users.create': users.usersCreate,
  'users.resetPassword': users.usersResetPassword,
  'users.setDisabled': users.usersSetDisabled,
  'users.setRole': users.usersSetRole,
  'persons.search': persons.personsSearch,
  'persons.get': persons.personsGet,
  'persons.findByIdNumber': persons.personsFindByIdNumber,
  'persons.register': persons.personsRegister,
  'persons.update': persons.personsUpdate,
  'catalog.list': catalog.catalogList,
  'catalog.get': catalog.catalogGet,
  'cases.create': cases.casesCreate,
  'cases.intake': cases.casesIntake,
  'cases.updateDraft': cases.casesUpdateDraft,
  'cases.accept': cases.casesAccept,
  'cases.recordMaterials': cases.casesRecordMaterials,
  'cases.withdraw': cases.casesWithdraw,
  'cases.resubmit': cases.casesResubmit,
  'cases.handOut': cases.casesHandOut,
  'cases.acknowledgeRefusal': cases.casesAcknowledgeRefusal,
  'cases.get': cases.casesGet,
  'cases.saveEstimate': cases.casesSaveEstimate,
  'cases.saveLtcAssessment': cases.casesSaveLtcAssessment,
  'cases.estimates': cases.casesEstimates,
  'cases.revealField': cases.casesRevealField,
  'queue.list': queue.queueList,
  'queue.counts': queue.queueCounts,
  'attachments.add': attachments.attachmentsAdd,
  'attachments.list': attachments.attachmentsList,
  'cases.assignHandler': cases.casesAssignHandler,
  'attachments.get': attachments.attachmentsGet,
  'policy.estimate': policy.policyEstimate,
  'policy.tables': policy.policyTables,
  'sync.status': sync.syncStatus,
  'sync.now': sync.syncNow,
  'sync.enroll': sync.syncEnroll,
  'sync.exportBundle': sync.syncExportBundle,
  'sync.bundlePreview': sync.syncBundlePreview,
  'sync.readBundle': sync.syncReadBundle,
  'sync.relayBundle': sync.syncRelayBundle,
  'keys.lockStatus': keys.keysLockStatus,
  'keys.unlock': keys.keysUnlock,
  'keys.status': keys.keysStatus,
  'keys.issueRecoveryKey': keys.keysIssueRecoveryKey,
  'audit.status': audit.auditStatus,
  'audit.verify': audit.auditVerify,
  'audit.list': audit.auditList,
  'audit.export': audit.auditExport,
  'keys.confirmWeakProtection': keys.keysConfirmWeakProtection,
  'keys.localStorageKey': keys.keysLocalStorageKey,
  'backup.status': backup.backupStatus,
  'backup.configure': backup.backupConfigure,
  'backup.run': backup.backupRun,
  'backup.list': backup.backupList,
  'backup.inspect': backup.backupInspect,
  'backup.restore': backup.backupRestore,
  'tickets.hall': tickets.ticketsHall,
  'tickets.saveHall': tickets.ticketsSaveHall,
  'tickets.issue': tickets.ticketsIssue,
  'tickets.checkIn': tickets.ticketsCheckIn,
  'tickets.board': tickets.ticketsBoard,
  'tickets.window': tickets.ticketsWindow,
  'tickets.call': tickets.ticketsCall,
  'tickets.recall': tickets.ticketsRecall,
  'tickets.skip': tickets.ticketsSkip,
  'tickets.finish': tickets.ticketsFinish,
  'tickets.transfer': tickets.ticketsTransfer,
  'tickets.linkCase': tickets.ticketsLinkCase,
  'tickets.list': tickets.ticketsList,
  'tickets.appointments': tickets.ticketsAppointments,
  'tickets.book': tickets.ticketsBook,
  'tickets.cancelAppointment': tickets.ticketsCancelAppointment,
  'ratings.prompt': ratings.ratingsPrompt,
  'ratings.submit': ratings.ratingsSubmit,
  'ratings.request': ratings.ratingsRequest,
  'ratings.list': ratings.ratingsList,
  'ratings.followUps': ratings.ratingsFollowUps,
  'ratings.visit': ratings.ratingsVisit,
  'ratings.rectify': ratings.ratingsRectify,
  'ratings.appeal': ratings.ratingsAppeal,
  'ratings.decideAppeal': ratings.ratingsDecideAppeal,
  'stats.figures': stats.statsFigures,
  'stats.export': stats.statsExport,
  'devices.list': devices.devicesList,
  'devices.issue': devices.devicesIssue,
  'devices.revoke': devices.devicesRevoke,
  'devices.signIn': devices.devicesSignIn,
  'devices.me': devices.devicesMe,
  'trips.list': trips.tripsList,
  'trips.candidates': trips.tripsCandidates,
  'trips.create': trips.tripsCreate,
  'trips.get': trips.tripsGet,
  'trips.readiness': trips.tripsReadiness,
  'trips.prepare': trips.tripsPrepare,
  'trips.start': trips.tripsStart,
  'trips.end': trips.tripsEnd,
  'trips.current': trips.tripsCurrent,
  'trips.report': trips.tripsReport,
  'visits.record': visits.visitsRecord,
  'visits.list': visits.visitsList,
  'outreach.list': outreach.outreachList,
  'outreach.followups': outreach.outreachFollowups,
  'batch.items': batch.batchItems,
  'batch.template': batch.batchTemplate,
  'batch.validate': batch.batchValidate,
  'batch.annotate': batch.batchAnnotate,
  'batch.start': batch.batchStart,
  'batch.cancel': batch.batchCancel,
  'batch.list': batch.batchList,
  'batch.get': batch.batchGet,
} as const;

export type Channels = typeof CHANNELS;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(CHANNELS, name);
}
