import type { ChannelName } from '../shared/api/contract';
import type { Handlers } from './feature';
import { sessionHandlers } from './features/session/handlers';
import { personsHandlers } from './features/persons/handlers';
import { catalogHandlers } from './features/catalog/handlers';
import { casesHandlers } from './features/cases/handlers';
import { queueHandlers } from './features/queue/handlers';
import { attachmentsHandlers } from './features/attachments/handlers';
import { policyHandlers } from './features/policy/handlers';
import { syncHandlers } from './features/sync/handlers';
import { auditHandlers } from './features/audit/handlers';
import { keysHandlers } from './features/keys/handlers';
import { backupHandlers } from './features/backup/handlers';
import { ticketsHandlers } from './features/tickets/handlers';
import { ratingsHandlers } from './features/ratings/handlers';
import { statsHandlers } from './features/stats/handlers';
import { devicesHandlers } from './features/devices/handlers';
import { tripsHandlers } from './features/trips/handlers';
import { outreachHandlers } from './features/outreach/handlers';
import { batchHandlers } from './features/batch/handlers';

export type { Handlers } from './feature';

/** Every feature's handlers. Adding a feature: its `handlers.ts` here, once. */
export const FEATURE_HANDLERS = [
  sessionHandlers,
  personsHandlers,
  catalogHandlers,
  casesHandlers,
  queueHandlers,
  attachmentsHandlers,
  policyHandlers,
  syncHandlers,
  keysHandlers,
  backupHandlers,
  ticketsHandlers,
  auditHandlers,
  ratingsHandlers,
  statsHandlers,
  devicesHandlers,
  tripsHandlers,
  outreachHandlers,
  batchHandlers,
] as const;

type Features = typeof FEATURE_HANDLERS;
type KeysOf<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? keyof H | KeysOf<R> : never;
type Twice<T extends readonly object[]> = T extends readonly [infer H, ...infer R extends readonly object[]] ? (keyof H & KeysOf<R>) | Twice<R> : never;

/** Compile-time: every channel of the contract has a handler, and no channel has two (npm run typecheck fails otherwise). */
type Missing = Exclude<ChannelName, KeysOf<Features>>;
type Duplicated = Twice<Features>;
const everyChannelHandled: [Missing] extends [never] ? true : { missingHandlerFor: Missing } = true;
const noChannelHandledTwice: [Duplicated] extends [never] ? true : { handledTwice: Duplicated } = true;
void everyChannelHandled;
void noChannelHandledTwice;

/** Channel → handler: the features' handlers merged (each channel exactly once, checked above). */
export const HANDLERS: Handlers = Object.assign({}, ...FEATURE_HANDLERS) as Handlers;
