import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { CaseRow, ChangeRow, OpSeen, StationRow } from '../../central/store/types';

/**
 * After a sync through a bad link: does central hold exactly what the station has, once? Returns the problems
 * found (empty when consistent), each naming what differs, so a failing test says why.
 */
export interface StationFacts {
  code: string;
  db: Database.Database;
  /** The station's attachment files, read as the station reads them (they are encrypted on disk). */
  blobs?: { read(pathOrSha: string): Buffer };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** What the checks read of central (a CentralHost, or central's store beside central processes: StoreFacts). */
export interface CentralFacts {
  station(code: string): Promise<StationRow>;
  /** The station's op ledger, seq 1 … lastSeq. */
  ops(station: StationRow): Promise<OpSeen[]>;
  cases(stationId: string): Promise<CaseRow[]>;
  /** Every change the station would pull, from the start of the log. */
  changesFor(station: StationRow): Promise<ChangeRow[]>;
  /** An attachment's bytes, or null when central does not hold them. */
  blob(sha256: string): Promise<Buffer | null>;
}

export async function consistencyProblems(central: CentralFacts, s: StationFacts): Promise<string[]> {
  const problems: string[] = [];
  const say = (p: string) => problems.length < 40 && problems.push(p);
  const db = s.db;

  // The station: nothing waiting, nothing refused, every case submitted and synced.
  const outbox = db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[];
  for (const r of outbox) if (r.state === 'pending' || r.state === 'rejected') say(`station ${s.code}: ${r.n} outbox ops ${r.state}`);
  const notSubmitted = db.prepare("SELECT status, sync_state AS sync, count(*) AS n FROM cases WHERE status <> 'submitted' OR sync_state <> 'synced' GROUP BY 1, 2").all();
  if (notSubmitted.length > 0) say(`station ${s.code}: cases not submitted+synced: ${JSON.stringify(notSubmitted)}`);

  // Central's ledger of this station: lastSeq = the station's last seq, each op applied once.
  const station = await central.station(s.code);
  const seqOffset = Number((db.prepare("SELECT value FROM sync_meta WHERE key = 'push.seqOffset'").pluck().get() as string | undefined) ?? '0');
  const maxSeq = (db.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get() as number) + seqOffset;
  if (station.lastSeq !== maxSeq) say(`station ${s.code}: central lastSeq ${station.lastSeq}, station's last seq ${maxSeq}`);
  const opIds = new Set(db.prepare('SELECT op_id FROM outbox').pluck().all() as string[]);
  // Central's ledger: one row per seq, each op applied, under one seq only.
  const ledger = await central.ops(station);
  const seqOf = new Map<string, number[]>();
  for (const op of ledger) {
    seqOf.set(op.opId, [...(seqOf.get(op.opId) ?? []), op.seq]);
    if (op.result !== 'applied') say(`op ${op.opId}: central result ${op.result}`);
  }
  for (const [opId, seqs] of seqOf) if (seqs.length !== 1) say(`op ${opId}: applied under seqs ${seqs.join(', ')} at central`);
  for (const opId of opIds) if (!seqOf.has(opId)) say(`op ${opId}: never applied at central`);
  if (seqOf.size !== opIds.size) say(`station ${s.code}: ${opIds.size} ops in the outbox, ${seqOf.size} applied at central`);
  // The change feed never tells a station an op's outcome twice.
  const told = new Map<string, number>();
  for (const ch of await central.changesFor(station)) {
    if (ch.kind !== 'op.result') continue;
    const d = JSON.parse(ch.data) as { opId: string };
    told.set(d.opId, (told.get(d.opId) ?? 0) + 1);
  }
  for (const [opId, n] of told) if (n > 1) say(`op ${opId}: its result is in the change feed ${n} times`);

  // Cases: each exactly once, at the station's last pushed version, with the station's attachments.
  const local = db.prepare("SELECT case_id AS id, max(json_extract(payload, '$.case.version')) AS v FROM outbox WHERE case_id IS NOT NULL GROUP BY case_id").all() as { id: string; v: number }[];
  const held = await central.cases(station.id);
  const byId = new Map(held.map((c) => [c.id, c]));
  if (byId.size !== held.length) say(`station ${s.code}: central lists ${held.length} cases but ${byId.size} distinct ids`);
  if (held.length !== local.length) say(`station ${s.code}: ${local.length} cases at the station, ${held.length} at central`);
  const atts = db.prepare('SELECT case_id AS caseId, sha256, size, local_path AS path FROM attachments').all() as { caseId: string; sha256: string; size: number; path: string }[];
  const attsOf = new Map<string, string[]>();
  for (const a of atts) attsOf.set(a.caseId, [...(attsOf.get(a.caseId) ?? []), a.sha256]);
  for (const { id, v } of local) {
    const c = byId.get(id);
    if (!c) {
      say(`case ${id}: missing at central`);
      continue;
    }
    if (c.status !== 'submitted') say(`case ${id}: central status ${c.status}`);
    if (c.stationVersion !== v) say(`case ${id}: central has station version ${c.stationVersion}, last pushed ${v}`);
    const want = (attsOf.get(id) ?? []).sort().join(',');
    const got = c.attachments.map((a) => a.sha256).sort().join(',');
    if (want !== got) say(`case ${id}: attachments at central [${got}] ≠ station [${want}]`);
  }

  // Attachments: the bytes central serves hash to the station's sha256, and so do the station's own files.
  for (const a of atts) {
    // Without the station's key (a station in another process) only the file's presence is checked.
    const bytes = s.blobs ? s.blobs.read(a.sha256) : readFileSync(a.path);
    if (s.blobs ? sha256(bytes) !== a.sha256 : bytes.length === 0) say(`attachment ${a.sha256}: the station's file is damaged`);
    const blob = await central.blob(a.sha256);
    if (!blob) say(`attachment ${a.sha256}: central does not hold it`);
    else if (blob.length !== a.size || sha256(blob) !== a.sha256) say(`attachment ${a.sha256}: central's bytes differ (${blob.length} bytes)`);
  }
  return problems;
}
