import { createHash } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { Access } from '../../access';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { ChannelOutput } from '../../../shared/api/contract';
import type { BatchCheck, BatchImportInput, BatchSummary } from '../../../shared/api/channels/batch';
import type { CatalogItem } from '../../../shared/catalog/types';
import type { Person } from '../../../shared/persons';
import type { BatchRow } from '../../../db/repos/batches';
import {
  BATCH_ITEMS,
  batchColumns,
  checkRow,
  duplicateRows,
  importable,
  mapHeader,
  type BatchColumn,
  type CheckedRow,
  type RawCell,
  type RowIssue,
} from '../../../shared/batch/rows';
import { checkProxy } from '../../../shared/cases/proxy';
import { applicableMaterialCodes, assessMaterials } from '../../../shared/cases/materials';
import { isLiveIntake } from '../../../shared/cases/next-step';
import { isTerminal } from '../../../shared/cases/status';
import { INSURED_NORMAL, RESIDENT_BASIC } from '../../../shared/persons';
import { FORBIDDEN_SCOPE_MESSAGE, isCaseBound } from '../../../shared/access';
import { ApiFailure, fail } from '../../../shared/api/errors';
import { nowInstant, today } from '../../../shared/time';
import { requireItem } from '../../reference/catalog';
import { namePinyin } from '../../reference/pinyin';
import { intakeCase, intakeInTransaction } from '../cases/cases';
import type { AuditSink } from '../cases/write';
import type { AuditEntry } from '../../../db/repos/audit';
import { checkpointNow } from '../../../db/maintenance';
import { annotateOffThread, readSheetOffThread, templateOffThread, warmSheetThread } from './sheet-thread';
import { aTurnForTheWindow } from '../../turn';

/**
 * Batch proxy import (批量代办): a helper hands in a whole list — a school class, an employer's staff, a list of
 * changes — as a filled template. Every row is checked before anything is written (the person's name and ID number,
 * the item's form by the window's own rules, the agent, duplicates inside the file, persons already enrolled or with
 * an open case of the item); the problems come back as a table and as an annotated sheet. The import then makes one
 * case per valid row through the counter's intake (core/features/cases: the same checks, events, audit and outbox
 * ops), linked to a batch record, in chunks — one transaction each, the event loop free between them, so the window
 * keeps answering — with progress and cancel. The same file again resumes its batch and makes nothing twice.
 */

/** Most rows per transaction. */
export const CHUNK_ROWS = 200;
/** A chunk stops after this long: the window's requests wait for at most about that (and the chunk's commit). */
export const CHUNK_MS = 40;
/**
 * While nobody uses the window (QUIET_YIELDS yields in a row found nothing else to run): larger chunks, fewer
 * commits (each commit rewrites the last page of every index the rows touch). The first request after a quiet
 * spell waits for at most one of these and its commit; the chunks after it are short again.
 */
export const IDLE_CHUNK_MS = 150;
export const IDLE_CHUNK_ROWS = 600;
export const QUIET_YIELDS = 8;
/** A yield to the window that took longer than this ran something else: someone is at work. */
const BUSY_YIELD_MS = 1;
/** Chunks between two checkpoints of the WAL (Pace). */
const CHECKPOINT_CHUNKS = 4;
/** Largest list accepted. */
export const MAX_ROWS = 20_000;

interface Prepared {
  item: CatalogItem;
  /** The day the rows and the agent were checked on. */
  day: string;
  /** The agent as checked (checkProxy) and normalised. */
  agent: BatchImportInput['agent'];
  columns: BatchColumn[];
  index: Map<string, number>;
  bytes: Uint8Array;
  sha256: string;
  /** Rows to import, in file order. */
  valid: CheckedRow[];
  issues: RowIssue[];
  already: number;
  total: number;
  invalidRows: number;
}

function requireBatchItem(ctx: CoreContext, code: string): CatalogItem {
  const item = requireItem(ctx, code);
  if (!importable(item) || !item.proxyAllowed) fail('invalid_input', `事项「${item.name['zh-CN']}」不能按名单批量代办`, { field: 'itemCode' });
  return item;
}

export function batchItems(ctx: CoreContext): ChannelOutput<'batch.items'> {
  // The batch screen opened: the spreadsheet thread starts now, ready by the time a file comes.
  void warmSheetThread();
  return BATCH_ITEMS.flatMap((b) => {
    const item = ctx.catalog.get(b.code);
    if (!item || !importable(item)) return [];
    return [
      {
        code: item.code,
        name: item.name,
        list: b.list,
        columns: batchColumns(item).map((c) => ({ key: c.key, header: c.header, required: c.required, hint: c.hint })),
        materials: item.materials.map((m) => ({ code: m.code, name: m.name, always: m.requirement === 'required' })),
      },
    ];
  });
}

export async function batchTemplate(ctx: CoreContext, itemCode: string): Promise<ChannelOutput<'batch.template'>> {
  const item = requireBatchItem(ctx, itemCode);
  const bytes = await templateOffThread(item, batchColumns(item));
  return { fileName: `${item.name['zh-CN']}-批量代办模板.xlsx`, dataBase64: bytes.toString('base64') };
}

function checkAgent(input: BatchImportInput, day: string): BatchImportInput['agent'] {
  const r = checkProxy({ ...input.agent }, { today: day, principalIdNumber: null });
  const first = r.issues[0];
  if (first) fail('invalid_input', `代办人：${first.message}`, { field: `agent.${first.path}` });
  return { ...input.agent, name: r.name, idNumber: r.idNumber };
}

/**
 * What a file says on its own: its rows, the header mapped, each data row checked (person, ID number, the item's
 * form) and the persons named twice. A pure function of the bytes, the item and the day; nothing is written.
 */
interface ReadList {
  columns: BatchColumn[];
  index: Map<string, number>;
  total: number;
  /** The template columns the header lacks (nothing else is checked then). */
  missing: BatchColumn[];
  checked: readonly CheckedRow[];
  /** The rows' own problems and the duplicates, in that order. */
  issues: readonly RowIssue[];
}

/**
 * Checking a list runs on the core's one thread, as the window's requests do: between every CHECK_TURN rows checked
 * (and LOOKUP_TURN look-ups against the station's data) it gives the window a turn, so a 10,000-row list never
 * holds a clerk's 受理 for more than a few milliseconds (figure `batch-validate-stall`).
 */
const CHECK_TURN = 200;
const LOOKUP_TURN = 500;

/**
 * The last list read, per station (one list at most is kept): a helper checks a list (batch.validate), then
 * imports the same file (batch.start) or downloads its annotated copy — the same bytes, read and checked once.
 * Keyed by the file's hash, the catalog item (a reloaded catalog is a new object) and the day (ID numbers and
 * dates are checked against it). The checks against the station's data (`prepare`) are made again each time.
 */
const lastRead = new WeakMap<CoreContext, { sha256: string; item: CatalogItem; day: string; list: ReadList }>();

async function readList(ctx: CoreContext, item: CatalogItem, bytes: Uint8Array, sha256: string, day: string): Promise<ReadList> {
  const hit = lastRead.get(ctx);
  if (hit && hit.sha256 === sha256 && hit.item === item && hit.day === day) return hit.list;
  let rows: RawCell[][];
  try {
    rows = (await readSheetOffThread(bytes)).rows;
  } catch {
    fail('invalid_input', '文件无法读取：请上传 .xlsx 或 .csv 格式的名单（可先下载模板填写）', { field: 'file' });
  }
  const columns = batchColumns(item);
  const { index, missing } = mapHeader(columns, rows[0] ?? []);
  const dataRows = rows.map((cells, i) => ({ row: i + 1, cells })).slice(1).filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
  if (dataRows.length > MAX_ROWS) fail('invalid_input', `名单最多 ${MAX_ROWS} 行，此文件有 ${dataRows.length} 行：请分成几个文件导入`, { field: 'file' });
  if (rows.length === 0 || dataRows.length === 0) fail('invalid_input', '文件中没有名单数据（第一行应为表头，从第二行起每行一人）', { field: 'file' });
  const checked: CheckedRow[] = [];
  const issues: RowIssue[] = [];
  if (missing.length === 0) {
    // Every row whose ID number reads, good or not: a person twice in the file is named whatever else is wrong.
    const people: { row: number; idNumber: string }[] = [];
    for (const [n, r] of dataRows.entries()) {
      if (n > 0 && n % CHECK_TURN === 0) await aTurnForTheWindow();
      const c = checkRow(item, columns, index, r.cells, r.row, { today: day });
      if (c.ok) checked.push(c.value);
      else issues.push(...c.issues);
      people.push({ row: r.row, idNumber: c.ok ? c.value.idNumber : c.idNumber });
    }
    issues.push(...duplicateRows(people));
  }
  const list: ReadList = { columns, index, total: dataRows.length, missing, checked, issues };
  lastRead.set(ctx, { sha256, item, day, list });
  return list;
}

/** Read and check a whole list; nothing is written. */
async function prepare(ctx: CoreContext, input: BatchImportInput): Promise<Prepared> {
  const item = requireBatchItem(ctx, input.itemCode);
  const day = today(ctx.clock);
  const agent = checkAgent(input, day);
  const known = new Set(item.materials.map((m) => m.code));
  input.materialsReceived.forEach((c, i) => {
    if (!known.has(c)) fail('invalid_input', `已收材料：${c} 不是本事项的材料`, { field: `materialsReceived.${i}` });
  });
  const bytes = new Uint8Array(Buffer.from(input.file.dataBase64, 'base64'));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { columns, index, total, missing, checked, ...read } = await readList(ctx, item, bytes, sha256, day);
  const issues: RowIssue[] = [...read.issues];
  if (missing.length > 0) {
    issues.push({ row: 1, column: null, header: null, message: `表头缺少：${missing.map((c) => `「${c.header}」`).join('、')}（请使用本事项的模板）` });
    return { item, day, agent, columns, index, bytes, sha256, valid: [], issues, already: 0, total, invalidRows: total };
  }
  const bad = new Set(issues.map((i) => i.row));

  // Against the station's data: the agent is not the principal, the person on the roster is the same person,
  // not already insured for an enrollment, no open case of the item, the materials complete.
  const persons = new Map<string, Person>();
  for (const [n, c] of checked.entries()) {
    if (n > 0 && n % LOOKUP_TURN === 0) await aTurnForTheWindow();
    const p = ctx.repos.persons.byIdNumber(c.idNumber);
    if (p) persons.set(c.idNumber, p);
  }
  const already = ctx.repos.batches.importedFor(item.code, checked.map((c) => c.idNumber));
  const openByPerson = new Map<string, { caseNo: string; year: unknown; open: boolean }[]>();
  const ids = [...new Set([...persons.values()].map((p) => p.id))];
  for (let i = 0; i < ids.length; i += LOOKUP_TURN) {
    if (i > 0) await aTurnForTheWindow();
    for (const c of ctx.repos.batches.casesOfPersons(item.code, ids.slice(i, i + LOOKUP_TURN))) {
      if (!isLiveIntake(c.status)) continue;
      openByPerson.set(c.personId, [...(openByPerson.get(c.personId) ?? []), { caseNo: c.caseNo, year: c.year, open: !isTerminal(c.status) }]);
    }
  }
  const received = new Set(input.materialsReceived);
  let alreadyCount = 0;
  const valid: CheckedRow[] = [];
  for (const [n, c] of checked.entries()) {
    if (n > 0 && n % CHECK_TURN === 0) await aTurnForTheWindow();
    if (bad.has(c.row)) continue;
    if (already.has(c.idNumber)) {
      alreadyCount++;
      continue;
    }
    const rowIssue = (column: string | null, message: string) => issues.push({ row: c.row, column, header: column === null ? null : (columns.find((x) => x.key === column)?.header ?? null), message });
    const before = issues.length;
    if (c.idNumber === agent.idNumber) rowIssue('idNumber', '与代办人是同一人：本人办理不需代办');
    const p = persons.get(c.idNumber);
    if (p && p.name !== c.name) rowIssue('name', `与花名册不一致（花名册登记为“${p.name}”）`);
    if (p && item.code === 'resident_enrollment') {
      const insured = p.insurance.find((r) => r.status === INSURED_NORMAL && (r.type === RESIDENT_BASIC || r.type === '310'));
      if (insured) rowIssue('idNumber', insured.type === '310' ? '已参加职工医保（参保缴费正常），不能再登记居民医保' : '已参加城乡居民医保（参保缴费正常），无需重复登记');
    }
    if (p && item.code === 'employee_enrollment' && c.form.changeType === 'join' && p.insurance.some((r) => r.type === '310' && r.status === INSURED_NORMAL)) {
      rowIssue('idNumber', '已参加职工医保（参保缴费正常），不能重复参保');
    }
    const open = p ? (openByPerson.get(p.id) ?? []) : [];
    const sameYear = item.code === 'resident_enrollment' ? open.find((o) => o.year === c.form.enrollmentYear) : undefined;
    if (sameYear) rowIssue('idNumber', `已登记 ${String(c.form.enrollmentYear)} 年度参保（案件 ${sameYear.caseNo}）`);
    else {
      const o = open.find((x) => x.open);
      if (o) rowIssue('idNumber', `已有在办的「${item.name['zh-CN']}」案件 ${o.caseNo}，请勿重复申请`);
    }
    const m = assessMaterials(item, c.form, true, received);
    if (m.kind !== 'complete') rowIssue(null, `材料不齐：缺少${m.missing.map((x) => x.name['zh-CN']).join('、')}（请在“随名单收取的材料”中勾选，或单独到窗口办理）`);
    if (issues.length === before) valid.push(c);
  }
  issues.sort((x, y) => x.row - y.row);
  const invalidRows = new Set(issues.map((i) => i.row)).size;
  return { item, day, agent, columns, index, bytes, sha256, valid, issues, already: alreadyCount, total, invalidRows };
}

function checkOf(ctx: CoreContext, p: Prepared): BatchCheck {
  return {
    fileSha256: p.sha256,
    total: p.total,
    valid: p.valid.length,
    already: p.already,
    invalidRows: p.invalidRows,
    issues: p.issues,
    batchId: ctx.repos.batches.byFile(p.sha256, p.item.code)?.id ?? null,
  };
}

function audit(ctx: CoreContext, user: SessionUser, action: 'batch.validate' | 'batch.import' | 'batch.cancel' | 'batch.read', entityId: string | null, detail: Record<string, unknown>, relaxed = false): void {
  const write = () => ctx.repos.audit.append({ at: nowInstant(ctx.clock), actorId: user.id, actorName: user.displayName, action, entity: 'batch', entityId, detail });
  if (relaxed) ctx.txRelaxed(write);
  else ctx.tx(write);
}

export async function validateBatch(ctx: CoreContext, a: Access, input: BatchImportInput): Promise<BatchCheck> {
  const p = await prepare(ctx, input);
  audit(ctx, a.user, 'batch.validate', null, { itemCode: p.item.code, fileName: input.file.fileName, sha256: p.sha256, total: p.total, valid: p.valid.length, invalidRows: p.invalidRows }, true);
  return checkOf(ctx, p);
}

export async function annotateBatch(ctx: CoreContext, input: BatchImportInput): Promise<ChannelOutput<'batch.annotate'>> {
  const p = await prepare(ctx, input);
  const bytes = await annotateOffThread(p.bytes, p.index, p.issues);
  const base = input.file.fileName.replace(/\.[^.]*$/, '');
  return { fileName: `${base}-校验结果.xlsx`, dataBase64: bytes.toString('base64') };
}

// ---------------------------------------------------------------------------------------------
// The import job

interface Job {
  cancelled: boolean;
  done: Promise<void>;
}

/** Imports running in this process, by batch id. */
const jobs = new WeakMap<CoreContext, Map<string, Job>>();

function jobsOf(ctx: CoreContext): Map<string, Job> {
  let m = jobs.get(ctx);
  if (!m) jobs.set(ctx, (m = new Map()));
  return m;
}

/** Wait until an import running in this process has stopped (tests, benches, shutdown). */
export async function importFinished(ctx: CoreContext, batchId: string): Promise<void> {
  await jobsOf(ctx).get(batchId)?.done;
}

/**
 * The pace of an import: between chunks it yields to the window; a yield in which something else ran (a request
 * of the window, a timer) means someone is at work, and chunks stay short (CHUNK_MS, CHUNK_ROWS) so a request
 * never waits longer than one. After QUIET_YIELDS yields in a row with nothing else to run the window is idle, and
 * chunks grow (IDLE_CHUNK_MS, IDLE_CHUNK_ROWS): fewer, larger commits, until the next request shows up.
 *
 * Every CHECKPOINT_CHUNKS chunks it checkpoints the WAL, between chunks: an import writes thousands of pages a
 * second, and left to itself SQLite checkpoints inside the commit that crosses wal_autocheckpoint (4,000 pages,
 * ~100 ms here) — on top of a chunk, which a request of the window then waits for as well.
 */
class Pace {
  private quiet = 0;
  private chunks = 0;
  /** Milliseconds a row takes, learned from the chunks (a first guess until then). */
  private msPerRow = 0.5;

  checkpointDue(): boolean {
    if (++this.chunks < CHECKPOINT_CHUNKS) return false;
    this.chunks = 0;
    return true;
  }

  async yieldToWindow(): Promise<void> {
    const t0 = performance.now();
    await aTurnForTheWindow();
    // Nothing waiting: the round trip through the event loop takes a few microseconds.
    if (performance.now() - t0 < BUSY_YIELD_MS) this.quiet++;
    else this.quiet = 0;
  }

  /** The next chunk: its time, and the rows that fit in it at the pace of the chunks before (at most its cap). */
  chunk(): { ms: number; rows: number } {
    const { ms, rows } = this.quiet >= QUIET_YIELDS ? { ms: IDLE_CHUNK_MS, rows: IDLE_CHUNK_ROWS } : { ms: CHUNK_MS, rows: CHUNK_ROWS };
    return { ms, rows: Math.max(1, Math.min(rows, Math.floor(ms / this.msPerRow))) };
  }

  /** A chunk's rows and how long they took: the pace the next chunk is sized by. */
  took(rows: number, ms: number): void {
    if (rows > 0) this.msPerRow = 0.7 * this.msPerRow + 0.3 * (ms / rows);
  }
}

/**
 * The audit rows of a chunk: what the intake (and the registration of new persons) would write one row per case
 * and action, written as one row per action for the chunk — `entity` 'batch', the batch's id, and in `detail`
 * every entity with its own detail and the persons concerned (`personIds`: the audit screen finds a person's rows
 * by them). Same actions, same facts, in the same transaction; the chain holds as for any row.
 */
class ChunkAudit {
  private readonly byAction = new Map<AuditEntry['action'], AuditEntry[]>();
  private readonly personOf = new Map<string, string>();

  readonly sink: AuditSink = (e) => {
    let list = this.byAction.get(e.action);
    if (!list) this.byAction.set(e.action, (list = []));
    list.push(e);
  };

  /** The person a case is for (its case rows name only the case). */
  person(caseId: string, personId: string): void {
    this.personOf.set(caseId, personId);
  }

  write(ctx: CoreContext, user: SessionUser, batchId: string): void {
    for (const [action, entries] of this.byAction) {
      const last = entries[entries.length - 1]!;
      const personIds = entries.map((e) => (e.entity === 'person' ? e.entityId : e.entityId !== null ? this.personOf.get(e.entityId) : undefined)).filter((x): x is string => x != null);
      ctx.repos.audit.append({
        at: last.at,
        actorId: user.id,
        actorName: user.displayName,
        action,
        entity: 'batch',
        entityId: batchId,
        detail: {
          batch: true,
          entity: last.entity,
          count: entries.length,
          entries: entries.map((e) => ({ id: e.entityId, ...withoutBatchFlag(e.detail) })),
          personIds: [...new Set(personIds)],
        },
      });
    }
  }
}

function withoutBatchFlag(detail: Record<string, unknown>): Record<string, unknown> {
  const { batch: _batch, ...rest } = detail;
  return rest;
}

/** A person registered from a row (sent to central like a window registration). */
function personOfRow(ctx: CoreContext, row: CheckedRow, at: string): Person {
  const py = namePinyin(row.name);
  const idKind = row.idNumber.length === 15 ? 'foreign_pr_2017' : /^8[123]0000/.test(row.idNumber) ? (row.idNumber.startsWith('83') ? 'taiwan_permit' : 'hk_macao_permit') : row.idNumber.startsWith('9') ? 'foreign_pr_2023' : 'resident';
  const phone = typeof row.form.phone === 'string' ? row.form.phone : null;
  const regionCode = typeof row.form.regionCode === 'string' ? row.form.regionCode : null;
  return {
    id: ctx.newId(),
    idNumber: row.idNumber,
    idKind,
    name: row.name,
    namePinyin: py.full,
    nameInitials: py.initials,
    sex: /^\d{17}[\dX]$/.test(row.idNumber) ? (Number(row.idNumber[16]) % 2 === 1 ? 'M' : 'F') : null,
    birthDate: row.birthDate,
    phone,
    regionCode,
    address: null,
    flags: [],
    insurance: [],
    source: 'window',
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The persons the rows are for, by ID number: the station's, or registered from the rows — the new ones written in
 * one statement (PersonsRepo.insertMany: one name-index segment for the lot, not one a row), each with its audit
 * entry and its `person.registered` op.
 */
function personsFor(ctx: CoreContext, user: SessionUser, rows: readonly CheckedRow[], at: string, audit: AuditSink): Map<string, Person> {
  const found = new Map<string, Person>();
  const fresh: Person[] = [];
  for (const row of rows) {
    if (found.has(row.idNumber)) continue;
    const existing = ctx.repos.persons.byIdNumber(row.idNumber);
    const person = existing ?? personOfRow(ctx, row, at);
    if (!existing) fresh.push(person);
    found.set(row.idNumber, person);
  }
  ctx.repos.persons.insertMany(fresh);
  for (const person of fresh) {
    audit({ at, actorId: user.id, actorName: user.displayName, action: 'person.register', entity: 'person', entityId: person.id, detail: { idKind: person.idKind, batch: true } });
    ctx.repos.outbox.append({ opId: ctx.newId(), kind: 'person.registered', caseId: null, payload: { person }, baseVersion: null, createdAt: at });
  }
  return found;
}

async function runImport(ctx: CoreContext, user: SessionUser, batchId: string, p: Prepared, agent: BatchImportInput['agent'], received: readonly string[], job: Job): Promise<void> {
  const done = ctx.repos.batches.rowsDone(batchId);
  const todo = p.valid.filter((r) => !done.has(r.row));
  const failures: string[] = [];
  const applicable = (row: CheckedRow) => applicableMaterialCodes(p.item, row.form, true);
  try {
    /**
     * One row, its person found or registered (personsFor): its case through the counter's intake — which takes the row's form and the agent
     * as checked by `prepare` (the same shared rules) while the person's birth date and the day are those they
     * were checked for, and checks them again otherwise. `intake` is the intake with or without its own savepoint.
     */
    const importRow = (row: CheckedRow, person: Person, intake: typeof intakeCase, chunk: ChunkAudit | null) => {
      const audit: AuditSink = chunk ? chunk.sink : (e) => ctx.repos.audit.append(e);
      const c = intake(
        ctx,
        user,
        {
          itemCode: p.item.code,
          personId: person.id,
          form: row.form,
          proxy: { ...agent, phone: agent.phone || undefined },
          // What came with the list, of the materials this row's case has (a student needs no birth certificate).
          materialsReceived: ((codes) => received.filter((code) => codes.has(code)))(applicable(row)),
        },
        { person, checked: { item: p.item, day: p.day, birthDate: row.birthDate }, audit },
      );
      chunk?.person(c.id, person.id);
      ctx.repos.batches.addCase(batchId, row.row, c.id);
    };
    const pace = new Pace();
    let i = 0;
    while (i < todo.length) {
      // The window first: its requests (and a cancel) run between chunks.
      await pace.yieldToWindow();
      if (job.cancelled) break;
      if (pace.checkpointDue()) {
        // The chunks' pages copied from the WAL into the store, between chunks (not in a commit the window waits for).
        checkpointNow(ctx.db);
        await pace.yieldToWindow();
        if (job.cancelled) break;
      }
      const start = i;
      const { ms, rows } = pace.chunk();
      const t0 = performance.now();
      try {
        // One transaction per chunk, as many rows as fit its time at the pace of the chunks before, so the window
        // never waits much longer than that (and a chunk that runs slow stops at twice its time). A row refused
        // throws the chunk away whole (no savepoint per row): it is done again below, row by row.
        ctx.tx(() => {
          const audit = new ChunkAudit();
          const chunk = todo.slice(start, start + rows);
          // The chunk's persons first, the new ones in one statement.
          const persons = personsFor(ctx, user, chunk, nowInstant(ctx.clock), audit.sink);
          for (const row of chunk) {
            importRow(row, persons.get(row.idNumber)!, intakeInTransaction, audit);
            i++;
            if (performance.now() - t0 > 2 * ms) break;
          }
          audit.write(ctx, user, batchId);
        });
        pace.took(i - start, performance.now() - t0);
      } catch (e) {
        if (!(e instanceof ApiFailure)) throw e;
        // A row refused at the last moment (a case made meanwhile at the window): the chunk again, row by row,
        // each in a savepoint, leaving the refused rows out.
        const end = Math.min(i + 1, todo.length);
        ctx.tx(() => {
          for (const row of todo.slice(start, end)) {
            try {
              ctx.tx(() => {
                const persons = personsFor(ctx, user, [row], nowInstant(ctx.clock), (e3) => ctx.repos.audit.append(e3));
                importRow(row, persons.get(row.idNumber)!, intakeCase, null);
              });
            } catch (e2) {
              if (!(e2 instanceof ApiFailure)) throw e2;
              failures.push(`第 ${row.row} 行：${e2.message}`);
            }
          }
        });
        i = end;
      }
    }
    const at = nowInstant(ctx.clock);
    const error = failures.length > 0 ? failures.slice(0, 20).join('；') + (failures.length > 20 ? `；另有 ${failures.length - 20} 行` : '') : null;
    ctx.tx(() => {
      ctx.repos.batches.finish(batchId, job.cancelled ? 'cancelled' : 'done', at, error);
      if (job.cancelled) audit(ctx, user, 'batch.cancel', batchId, { imported: ctx.repos.batches.byId(batchId)?.imported ?? 0 });
    });
  } catch (e) {
    ctx.tx(() => ctx.repos.batches.finish(batchId, 'failed', nowInstant(ctx.clock), e instanceof Error ? e.message.slice(0, 500) : '导入失败'));
  }
}

/**
 * Start importing the valid rows of a list: the batch record first (who, when, file name and hash, counts), then
 * the rows in the background. The same file (same hash, same item) goes on with its batch: rows already made are
 * skipped, so nothing is made twice.
 */
export async function startBatch(ctx: CoreContext, a: Access, input: BatchImportInput): Promise<ChannelOutput<'batch.start'>> {
  const p = await prepare(ctx, input);
  const { agent } = p;
  const existing = ctx.repos.batches.byFile(p.sha256, p.item.code);
  if (existing && isCaseBound(a.scope) && existing.createdBy !== a.user.id) fail('forbidden', '此名单已由其他人导入', { field: 'file' });
  const running = existing ? jobsOf(ctx).get(existing.id) : undefined;
  if (running) fail('conflict', '此名单正在导入中', { field: 'file', retryable: true });
  const batchId = existing?.id ?? ctx.newId();
  const counts = { total: p.total, valid: p.valid.length + p.already, invalid: p.invalidRows };
  ctx.tx(() => {
    if (existing) ctx.repos.batches.restart(existing.id, counts);
    else {
      ctx.repos.batches.insert({ id: batchId, itemCode: p.item.code, fileName: input.file.fileName, fileSha256: p.sha256, ...counts, agent, createdBy: a.user.id, createdAt: nowInstant(ctx.clock) });
    }
    audit(ctx, a.user, 'batch.import', batchId, { itemCode: p.item.code, fileName: input.file.fileName, sha256: p.sha256, rows: p.valid.length, resumed: existing !== null });
  });
  const job: Job = { cancelled: false, done: Promise.resolve() };
  const jobs = jobsOf(ctx);
  jobs.set(batchId, job);
  job.done = runImport(ctx, a.user, batchId, p, agent, input.materialsReceived, job).finally(() => jobs.delete(batchId));
  return { batchId, check: checkOf(ctx, p) };
}

function requireBatch(ctx: CoreContext, a: Access, batchId: string): BatchRow {
  const b = ctx.repos.batches.byId(batchId);
  if (!b) fail('not_found', '批次不存在', { field: 'batchId' });
  if (isCaseBound(a.scope) && b.createdBy !== a.user.id) fail('forbidden', FORBIDDEN_SCOPE_MESSAGE, { field: 'batchId' });
  return b;
}

function summary(ctx: CoreContext, b: BatchRow): BatchSummary {
  const names = ctx.repos.users.names();
  return {
    id: b.id,
    itemCode: b.itemCode,
    itemName: ctx.catalog.get(b.itemCode)?.name ?? { 'zh-CN': b.itemCode, en: b.itemCode },
    fileName: b.fileName,
    fileSha256: b.fileSha256,
    state: b.state,
    total: b.total,
    valid: b.valid,
    invalid: b.invalid,
    imported: b.imported,
    rejected: b.rejected,
    createdBy: names.get(b.createdBy) ?? b.createdBy,
    createdAt: b.createdAt,
    finishedAt: b.finishedAt,
    error: b.error,
  };
}

export function cancelBatch(ctx: CoreContext, a: Access, batchId: string): BatchSummary {
  const b = requireBatch(ctx, a, batchId);
  const job = jobsOf(ctx).get(batchId);
  if (job) job.cancelled = true;
  else if (b.state === 'importing') {
    // An import cut off (the program closed): nothing runs; it is cancelled as it stands.
    ctx.tx(() => {
      ctx.repos.batches.finish(batchId, 'cancelled', nowInstant(ctx.clock));
      audit(ctx, a.user, 'batch.cancel', batchId, { imported: b.imported });
    });
  }
  return summary(ctx, ctx.repos.batches.byId(batchId)!);
}

export function listBatches(ctx: CoreContext, a: Access): BatchSummary[] {
  return ctx.repos.batches.list(isCaseBound(a.scope) ? a.user.id : null).map((b) => summary(ctx, b));
}

export function getBatch(ctx: CoreContext, a: Access, batchId: string, withRows: boolean): ChannelOutput<'batch.get'> {
  const b = requireBatch(ctx, a, batchId);
  if (!withRows) return { batch: summary(ctx, b), rows: [] };
  const rows = ctx.repos.batches.cases(batchId);
  audit(ctx, a.user, 'batch.read', batchId, { cases: rows.length }, true);
  return { batch: summary(ctx, b), rows };
}
