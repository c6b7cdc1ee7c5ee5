import type { RawDb } from './backends';

/**
 * The schema of a central database as both backends can state it, for the SQLite/PostgreSQL parity test: read
 * from `PRAGMA table_info` / `index_list` / `foreign_key_list` (and the CHECK clauses of the CREATE TABLE text) on
 * SQLite, from `information_schema` and `pg_catalog` on PostgreSQL, in one vocabulary:
 * - types: TEXT ↔ text → `text`; INTEGER ↔ integer, bigint → `integer`; PostgreSQL's boolean ↔ SQLite's INTEGER
 *   with CHECK (x IN (0,1)) → `boolean` (that CHECK is the type, not a constraint);
 * - defaults: false/true ↔ 0/1; an identity (BIGSERIAL ↔ INTEGER PRIMARY KEY AUTOINCREMENT) has none, and is
 *   NOT NULL (SQLite's rowid is, though PRAGMA table_info does not say so);
 * - CHECK expressions with the casts, ARRAY/ANY spelling, brackets and spaces taken out.
 * The bookkeeping tables (schema_migrations, schema_routines; sqlite_sequence) are not part of it.
 */
export interface ColumnShape {
  type: 'text' | 'integer' | 'boolean' | string;
  notNull: boolean;
  default: string | null;
}

export interface IndexShape {
  table: string;
  columns: string[];
  unique: boolean;
  partial: boolean;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  /** UNIQUE constraints (column lists, sorted). */
  unique: string[][];
  /** Foreign keys as "columns → table(columns)", sorted. */
  foreignKeys: string[];
  /** CHECK constraints by column, normalized (sorted). */
  checks: string[];
}

export interface SchemaShape {
  tables: Record<string, TableShape>;
  /** Indexes created on their own (CREATE [UNIQUE] INDEX), by name; not the ones behind PRIMARY KEY or UNIQUE. */
  indexes: Record<string, IndexShape>;
}

const BOOKKEEPING = new Set(['schema_migrations', 'schema_routines', 'sqlite_sequence']);

/** A CHECK expression without dialect: `status = ANY (ARRAY['a'::text, 'b'::text])` and `status IN ('a','b')` alike. */
export function normalizeCheck(expr: string): string {
  return expr
    .replace(/^\s*CHECK\s*/i, '')
    .replace(/::[a-z_]+(\[\])?/gi, '')
    .replace(/=\s*ANY\s*\(\s*ARRAY\s*\[([^\]]*)\]\s*\)/gi, ' IN ($1)')
    .replace(/[\s()]/g, '')
    .toLowerCase();
}

function sortedObject<T>(entries: [string, T][]): Record<string, T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Split `a, b (c, d), e` at the top-level commas. */
function topLevelParts(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (const ch of body) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && ch === '(') depth++;
    if (!quoted && ch === ')') depth--;
    if (!quoted && depth === 0 && ch === ',') {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') parts.push(cur.trim());
  return parts;
}

/** The CHECK clauses of a CREATE TABLE statement, by the column they sit on ('' for a table constraint). */
function sqliteChecks(createSql: string): [string, string][] {
  const body = createSql
    .slice(createSql.indexOf('(') + 1, createSql.lastIndexOf(')'))
    .replace(/--[^\n]*/g, '');
  const out: [string, string][] = [];
  for (const part of topLevelParts(body)) {
    const at = part.search(/\bCHECK\s*\(/i);
    if (at < 0) continue;
    const column = /^(CONSTRAINT|CHECK|PRIMARY|UNIQUE|FOREIGN)\b/i.test(part) ? '' : part.split(/\s+/)[0]!;
    out.push([column, part.slice(at)]);
  }
  return out;
}

export async function sqliteSchema(db: RawDb): Promise<SchemaShape> {
  const tables = await db.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name");
  const out: SchemaShape = { tables: {}, indexes: {} };
  for (const { name, sql } of tables.filter((t) => !BOOKKEEPING.has(t.name))) {
    const checks = sqliteChecks(sql);
    const booleans = new Set(checks.filter(([column, expr]) => column && normalizeCheck(expr) === `${column.toLowerCase()}in0,1`).map(([column]) => column));
    const info = await db.all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`PRAGMA table_info(${name})`);
    const autoincrement = /AUTOINCREMENT/i.test(sql);
    // A lone INTEGER PRIMARY KEY is the rowid: never NULL (a NULL written there gets the next id), whatever notnull says.
    const rowid = info.filter((c) => c.pk > 0).length === 1 ? info.find((c) => c.pk > 0 && c.type.toUpperCase() === 'INTEGER')?.name : undefined;
    const columns = sortedObject(
      info.map((c) => [
        c.name,
        {
          type: booleans.has(c.name) ? 'boolean' : c.type.toLowerCase(),
          notNull: c.notnull === 1 || c.name === rowid,
          default: c.pk > 0 && autoincrement ? null : c.dflt_value,
        },
      ]),
    );
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const unique: string[][] = [];
    for (const ix of await db.all<{ name: string; unique: number; origin: string; partial: number }>(`PRAGMA index_list(${name})`)) {
      const cols = (await db.all<{ seqno: number; name: string }>(`PRAGMA index_info(${ix.name})`)).sort((a, b) => a.seqno - b.seqno).map((c) => c.name);
      if (ix.origin === 'u') unique.push(cols);
      if (ix.origin === 'c') out.indexes[ix.name] = { table: name, columns: cols, unique: ix.unique === 1, partial: ix.partial === 1 };
    }
    const fks = await db.all<{ id: number; seq: number; table: string; from: string; to: string }>(`PRAGMA foreign_key_list(${name})`);
    const byId = new Map<number, { table: string; from: string[]; to: string[] }>();
    for (const fk of fks.sort((a, b) => a.id - b.id || a.seq - b.seq)) {
      const e = byId.get(fk.id) ?? { table: fk.table, from: [], to: [] };
      e.from.push(fk.from);
      e.to.push(fk.to);
      byId.set(fk.id, e);
    }
    out.tables[name] = {
      columns,
      primaryKey,
      unique: unique.map((u) => u.join(',')).sort().map((u) => u.split(',')),
      foreignKeys: [...byId.values()].map((f) => `${f.from.join(',')} → ${f.table}(${f.to.join(',')})`).sort(),
      checks: checks
        .filter(([column]) => !booleans.has(column))
        .map(([column, expr]) => `${column}: ${normalizeCheck(expr)}`)
        .sort(),
    };
  }
  out.indexes = sortedObject(Object.entries(out.indexes));
  out.tables = sortedObject(Object.entries(out.tables));
  return out;
}

const PG_TYPES: Record<string, string> = { text: 'text', integer: 'integer', bigint: 'integer', smallint: 'integer', boolean: 'boolean' };

function pgDefault(d: string | null): string | null {
  if (d === null || d.startsWith('nextval(')) return null;
  if (d === 'false') return '0';
  if (d === 'true') return '1';
  return d.replace(/::[a-z_ ]+$/i, '').replace(/^'(.*)'$/, '$1');
}

export async function postgresSchema(db: RawDb): Promise<SchemaShape> {
  const out: SchemaShape = { tables: {}, indexes: {} };
  const columns = await db.all<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const tables = await db.all<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  for (const { table_name: t } of tables.filter((x) => !BOOKKEEPING.has(x.table_name))) {
    out.tables[t] = {
      columns: sortedObject(
        columns
          .filter((c) => c.table_name === t)
          .map((c) => [c.column_name, { type: PG_TYPES[c.data_type] ?? c.data_type, notNull: c.is_nullable === 'NO', default: pgDefault(c.column_default) }]),
      ),
      primaryKey: [],
      unique: [],
      foreignKeys: [],
      checks: [],
    };
  }
  // Constraints with their columns in key order (information_schema.table_constraints names them, pg_constraint
  // has the column order and the CHECK text).
  const constraints = await db.all<{ table: string; type: string; cols: string[]; ref_table: string | null; ref_cols: string[] | null; def: string }>(
    `SELECT tc.table_name AS table, tc.constraint_type AS type,
       array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS cols,
       rt.relname AS ref_table,
       CASE WHEN c.confrelid = 0 THEN NULL ELSE array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] END AS ref_cols,
       pg_get_constraintdef(c.oid) AS def
     FROM information_schema.table_constraints tc
     JOIN pg_namespace ns ON ns.nspname = tc.constraint_schema
     JOIN pg_constraint c ON c.conname = tc.constraint_name AND c.connamespace = ns.oid
     LEFT JOIN pg_class rt ON rt.oid = c.confrelid
     WHERE tc.table_schema = current_schema() AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY', 'CHECK')`,
  );
  for (const c of constraints) {
    const t = out.tables[c.table];
    if (!t) continue;
    if (c.type === 'PRIMARY KEY') t.primaryKey = c.cols;
    if (c.type === 'UNIQUE') t.unique.push(c.cols);
    if (c.type === 'FOREIGN KEY') t.foreignKeys.push(`${c.cols.join(',')} → ${c.ref_table}(${c.ref_cols!.join(',')})`);
    if (c.type === 'CHECK') t.checks.push(`${c.cols.length === 1 ? c.cols[0] : ''}: ${normalizeCheck(c.def)}`);
  }
  for (const t of Object.values(out.tables)) {
    t.unique = t.unique.map((u) => u.join(',')).sort().map((u) => u.split(','));
    t.foreignKeys.sort();
    t.checks.sort();
  }
  const indexes = await db.all<{ name: string; table: string; unique: boolean; partial: boolean; cols: string[] }>(
    `SELECT i.relname AS name, t.relname AS table, x.indisunique AS unique, x.indpred IS NOT NULL AS partial,
       array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o)::text[] AS cols
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace
     WHERE ns.nspname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
  );
  for (const ix of indexes.filter((i) => !BOOKKEEPING.has(i.table))) out.indexes[ix.name] = { table: ix.table, columns: ix.cols, unique: ix.unique, partial: ix.partial };
  out.indexes = sortedObject(Object.entries(out.indexes));
  return out;
}
