import type { Db } from '../open';
import { SettingsRepo } from './settings';
import { UsersRepo } from './users';
import { PersonsRepo } from './persons';
import { DayCounts } from './day-counts';
import { CasesRepo } from './cases';
import { EventsRepo } from './events';
import { OutboxRepo } from './outbox';
import { AuditRepo } from './audit';
import { CatalogRepo } from './catalog';
import { CalendarRepo } from './calendar';
import { AttachmentsRepo } from './attachments';
import { PolicyRepo } from './policy';
import { EstimatesRepo } from './estimates';
import { SyncMetaRepo } from './sync-meta';
import { InvoiceClaimsRepo } from './invoice-claims';
import { CaseHandlersRepo } from './case-handlers';
import { TripsRepo } from './trips';
import { VisitsRepo } from './visits';
import { BatchesRepo } from './batches';
import { OutreachRepo } from './outreach';
import { FrontRepo } from './front';

/** Every repository over one connection, statements prepared once. */
export interface Repos {
  settings: SettingsRepo;
  users: UsersRepo;
  persons: PersonsRepo;
  cases: CasesRepo;
  events: EventsRepo;
  outbox: OutboxRepo;
  audit: AuditRepo;
  catalog: CatalogRepo;
  calendar: CalendarRepo;
  attachments: AttachmentsRepo;
  policy: PolicyRepo;
  estimates: EstimatesRepo;
  syncMeta: SyncMetaRepo;
  invoiceClaims: InvoiceClaimsRepo;
  caseHandlers: CaseHandlersRepo;
  trips: TripsRepo;
  visits: VisitsRepo;
  batches: BatchesRepo;
  outreach: OutreachRepo;
  /** The front office: hall, tickets, appointments, ratings, follow-ups, display and kiosk credentials (issue 15). */
  front: FrontRepo;
}

export function createRepos(db: Db): Repos {
  // Inserted cases and events are counted in the daily aggregates by their repositories, together.
  const counts = new DayCounts(db);
  return {
    settings: new SettingsRepo(db),
    users: new UsersRepo(db),
    persons: new PersonsRepo(db),
    cases: new CasesRepo(db, counts),
    events: new EventsRepo(db, counts),
    outbox: new OutboxRepo(db),
    audit: new AuditRepo(db),
    catalog: new CatalogRepo(db),
    calendar: new CalendarRepo(db),
    attachments: new AttachmentsRepo(db),
    policy: new PolicyRepo(db),
    estimates: new EstimatesRepo(db),
    syncMeta: new SyncMetaRepo(db),
    invoiceClaims: new InvoiceClaimsRepo(db),
    caseHandlers: new CaseHandlersRepo(db),
    trips: new TripsRepo(db),
    visits: new VisitsRepo(db),
    batches: new BatchesRepo(db),
    outreach: new OutreachRepo(db),
    front: new FrontRepo(db),
  };
}
