import type { Worker } from 'node:worker_threads';
import type { CatalogItem } from '../../../shared/catalog/types';
import type { BatchColumn, RawCell, RowIssue } from '../../../shared/batch/rows';
import { startWorker } from '../../worker-script';
import type { SheetKind } from './sheet';
import type { SheetReply, SheetRequest } from './sheet-messages';

/**
 * The batch import's spreadsheets, read and written on a thread of their own (sheet-worker.ts runs sheet.ts there),
 * so the window keeps answering while a helper's 10,000-row list is read or its annotated copy written.
 *
 * One thread per process, started on first use (or by `warmSheetThread` when the batch screen opens) and kept
 * while the helper works (a fresh one would load exceljs again for each list); after IDLE_MS without a request it
 * ends, giving back its memory (50–100 MB once it has read a list). It holds a list's bytes only while it works on
 * them. Its heap has a ceiling (HEAP_MB): a file that would need more — a crafted zip that inflates to gigabytes —
 * ends that thread, not the core; the request is refused and the next one starts a new thread. A request that takes
 * longer than REQUEST_MS ends the thread too.
 */

/** The thread's heap ceiling. A 20,000-row list (MAX_ROWS) needs about 100 MB. */
const HEAP_MB = 1_024;
/** Longest a request may take. */
const REQUEST_MS = 120_000;
/** An unused thread ends after this long. */
const IDLE_MS = 10 * 60_000;

interface Pending {
  /** The thread working on it. */
  worker: Worker;
  resolve: (r: SheetReply) => void;
  reject: (e: Error) => void;
  rows: RawCell[][];
  timer: NodeJS.Timeout;
}

export interface SheetThreadOptions {
  /** The heap ceiling in MB (tests set a small one). */
  heapMb?: number;
  /** How long an unused thread lives (tests set a short one). */
  idleMs?: number;
}

let options: Required<SheetThreadOptions> = { heapMb: HEAP_MB, idleMs: IDLE_MS };
let worker: Worker | null = null;
/** Settled when the current thread has loaded exceljs (or has stopped). */
let ready: Promise<void> = Promise.resolve();
let nextId = 1;
const pending = new Map<number, Pending>();
let idleTimer: NodeJS.Timeout | null = null;

/** Change the thread's settings; the next request starts a thread with them. */
export function configureSheetThread(o: SheetThreadOptions): void {
  options = { heapMb: o.heapMb ?? HEAP_MB, idleMs: o.idleMs ?? IDLE_MS };
  void stopSheetThread();
}

/** Whether a spreadsheet thread is up (started, not yet ended). */
export function sheetThreadRunning(): boolean {
  return worker !== null;
}

/** End the thread (requests in flight are refused). */
export async function stopSheetThread(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}

/** Refuse the requests thread `w` had (it stopped). */
function failAll(w: Worker, e: Error): void {
  for (const [id, p] of pending) {
    if (p.worker !== w) continue;
    clearTimeout(p.timer);
    pending.delete(id);
    p.reject(e);
  }
}

/**
 * An idle thread does not keep the process alive (it is held while it starts and while it has requests), and ends
 * after IDLE_MS unless a request comes.
 */
function unrefWhenIdle(w: Worker): void {
  if ([...pending.values()].some((x) => x.worker === w)) return;
  w.unref();
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (worker === w && pending.size === 0) void stopSheetThread();
  }, options.idleMs);
  idleTimer.unref();
}

function onReply(w: Worker, m: SheetReply, markReady: () => void): void {
  if (m.kind === 'ready') {
    unrefWhenIdle(w);
    return markReady();
  }
  const p = pending.get(m.id);
  if (!p) return;
  if (m.kind === 'rows') {
    for (const r of m.rows) p.rows.push(r);
    return;
  }
  clearTimeout(p.timer);
  pending.delete(m.id);
  unrefWhenIdle(p.worker);
  if (m.kind === 'error') p.reject(new Error(m.message));
  else p.resolve(m);
}

function thread(): Worker {
  if (worker) return worker;
  const w = startWorker(import.meta.url, 'sheet-worker', { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } });
  let markReady = () => {};
  ready = new Promise<void>((resolve) => (markReady = resolve));
  w.on('message', (m: SheetReply) => onReply(w, m, markReady));
  w.on('error', (e) => failAll(w, e instanceof Error ? e : new Error(String(e))));
  w.on('exit', (code) => {
    markReady();
    if (worker === w) worker = null;
    failAll(w, new Error(`the spreadsheet thread stopped (exit code ${code})`));
  });
  worker = w;
  return w;
}

/**
 * Start the thread ahead of the first list (the batch screen opened): loading exceljs is then done by the time a
 * file comes. Settles when it is loaded.
 */
export function warmSheetThread(): Promise<void> {
  thread();
  return ready;
}

/** Each member of a union without `id`. */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** A request before its id is given. */
type Request = WithoutId<SheetRequest>;

function ask(req: Request, transfer: ArrayBuffer[] = []): Promise<{ reply: SheetReply; rows: RawCell[][] }> {
  const w = thread();
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const rows: RawCell[][] = [];
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error('the spreadsheet thread took too long'));
      // Whatever it is stuck on, its other requests are refused with it; the next one starts a new thread.
      void w.terminate();
    }, REQUEST_MS);
    timer.unref();
    pending.set(id, { worker: w, resolve: (reply) => resolve({ reply, rows }), reject, rows, timer });
    w.ref();
    w.postMessage({ ...req, id }, transfer);
  });
}

/** A copy of the bytes the thread may take over (the caller keeps its own). */
function handOver(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** The first sheet's rows (sheet.ts readSheet), read on the spreadsheet thread. */
export async function readSheetOffThread(bytes: Uint8Array): Promise<{ kind: SheetKind; rows: RawCell[][] }> {
  const copy = handOver(bytes);
  const { reply, rows } = await ask({ op: 'read', bytes: copy }, [copy.buffer as ArrayBuffer]);
  if (reply.kind !== 'read' || rows.length !== reply.total) throw new Error('the spreadsheet thread answered out of turn');
  return { kind: reply.sheetKind, rows };
}

async function bytesOf(req: Request, transfer: ArrayBuffer[] = []): Promise<Buffer> {
  const { reply } = await ask(req, transfer);
  if (reply.kind !== 'bytes') throw new Error('the spreadsheet thread answered out of turn');
  return Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
}

/** An item's template (sheet.ts templateWorkbook), written on the spreadsheet thread. */
export function templateOffThread(item: Pick<CatalogItem, 'code' | 'name'>, columns: readonly BatchColumn[]): Promise<Buffer> {
  return bytesOf({ op: 'template', item: { code: item.code, name: item.name }, columns: [...columns] });
}

/** The list back with its problems marked (sheet.ts annotatedWorkbook), written on the spreadsheet thread. */
export function annotateOffThread(bytes: Uint8Array, index: ReadonlyMap<string, number>, issues: readonly RowIssue[]): Promise<Buffer> {
  const copy = handOver(bytes);
  return bytesOf({ op: 'annotate', bytes: copy, index: [...index], issues: [...issues] }, [copy.buffer as ArrayBuffer]);
}
