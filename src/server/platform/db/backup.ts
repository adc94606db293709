import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { logSecurityEvent } from '../auth/security-log.ts';
import { query, type Database, type Queryable } from './engine.ts';

/**
 * A logical backup that either engine can read: gzip'd JSON lines.
 *
 *   {"format":"gongwu-backup","version":1,"createdAt":"…","engine":"pglite","tables":["units",…]}
 *   {"$table":"units","columns":["id","code",…]}
 *   {…one row, as PostgreSQL's to_jsonb renders it…}
 *   …
 *   {"$end":true,"tables":12,"rows":3456}
 *
 * Rows travel as the database's own JSON text (never parsed into JS numbers, so bigints and
 * numerics keep every digit) and go back in with jsonb_populate_recordset, which converts each
 * value to its column type. Tables come in foreign-key order; both sides stream in batches, so a
 * large database never sits in memory.
 */
export const BACKUP_FORMAT = 'gongwu-backup';
export const BACKUP_VERSION = 1;

const FETCH_ROWS = 1000;
const INSERT_ROWS = 1000;
// Attachments keep their bytes in the database: a batch also ends when it grows past this.
const INSERT_BYTES = 8 * 1024 * 1024;

/**
 * drizzle-kit's bookkeeping lives in its own schema; these are skipped should they sit in public.
 * The change counters (migrations/post/120) only tell a running server's caches what changed.
 */
const SKIPPED = new Set(['__drizzle_migrations', 'change_counters', 'change_touches']);

export interface TableInfo {
  name: string;
  /** Stored columns in table order (generated columns are left out: the database recomputes them). */
  columns: string[];
  /** Columns whose values come from a sequence (identity or serial): reset after a restore. */
  sequenced: string[];
  hasIdentity: boolean;
  /** The primary key's columns, the order rows are written in (empty: the table has none). */
  key: string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every table of schema public, parents before children. */
export async function listTables(q: Queryable): Promise<TableInfo[]> {
  const tables = await query<{ name: string }>(
    q,
    sql`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
  );
  const cols = await query<{ table: string; column: string; generated: string; identity: string; serial: boolean }>(
    q,
    sql`
    select c.relname as "table", a.attname as "column", a.attgenerated::text as generated, a.attidentity::text as identity,
           coalesce(pg_get_expr(d.adbin, d.adrelid) like 'nextval(%', false) as serial
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`,
  );
  const keys = await query<{ table: string; column: string }>(
    q,
    sql`
    select c.relname as "table", a.attname as "column"
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, pos)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where n.nspname = 'public' and i.indisprimary
    order by c.relname, k.pos`,
  );
  const deps = await query<{ child: string; parent: string }>(
    q,
    sql`
    select distinct c.relname as child, p.relname as parent from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`,
  );

  const info = new Map<string, TableInfo>();
  for (const t of tables)
    if (!SKIPPED.has(t.name)) info.set(t.name, { name: t.name, columns: [], sequenced: [], hasIdentity: false, key: [] });
  for (const k of keys) info.get(k.table)?.key.push(k.column);
  for (const c of cols) {
    const t = info.get(c.table);
    if (!t || (c.generated ?? '') !== '') continue;
    t.columns.push(c.column);
    if ((c.identity ?? '') !== '') t.hasIdentity = true;
    if ((c.identity ?? '') !== '' || c.serial) t.sequenced.push(c.column);
  }

  // Topological order (Kahn), alphabetical among equals so two dumps of one schema list alike.
  const parents = new Map<string, Set<string>>([...info.keys()].map((k) => [k, new Set<string>()]));
  for (const d of deps) if (info.has(d.child) && info.has(d.parent)) parents.get(d.child)!.add(d.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (done.size < info.size) {
    const ready = [...info.keys()].filter((k) => !done.has(k) && [...parents.get(k)!].every((p) => done.has(p)));
    // A cycle of foreign keys: take the rest as they come (the load disables the checks anyway).
    const next = ready.length ? ready : [...info.keys()].filter((k) => !done.has(k));
    for (const k of next.sort()) {
      done.add(k);
      ordered.push(info.get(k)!);
    }
  }
  return ordered;
}

export interface BackupSummary {
  tables: number;
  rows: number;
  bytes: number;
}

/** Writes a consistent snapshot (one repeatable-read transaction) of the database to `file`. */
export async function backupDatabase(
  database: Database,
  file: string,
  opts: { actor?: { userId?: string; username?: string } } = {},
): Promise<BackupSummary> {
  await logSecurityEvent(database.db, {
    kind: 'backup',
    userId: opts.actor?.userId,
    username: opts.actor?.username ?? 'cli',
    details: { file: basename(file) },
  });
  let rows = 0;
  let tableCount = 0;
  await database.db.transaction(async (tx) => {
    await tx.execute(sql.raw('set transaction isolation level repeatable read, read only'));
    const tables = await listTables(tx);
    tableCount = tables.length;
    async function* lines() {
      yield JSON.stringify({
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        engine: database.engine,
        tables: tables.map((t) => t.name),
      }) + '\n';
      for (const t of tables) {
        yield JSON.stringify({ $table: t.name, columns: t.columns }) + '\n';
        // Rows in key order, so two backups of the same data are the same file whatever the tables'
        // physical order (a restore may place rows differently: free space is reused).
        const order = t.key.length ? t.key.map((c) => `t.${ident(c)}`).join(', ') : 'to_jsonb(t)::text collate "C"';
        await tx.execute(
          sql.raw(`declare gongwu_dump no scroll cursor for select to_jsonb(t)::text as j from ${ident(t.name)} t order by ${order}`),
        );
        for (;;) {
          const batch = await query<{ j: string }>(tx, sql.raw(`fetch ${FETCH_ROWS} from gongwu_dump`));
          if (batch.length === 0) break;
          rows += batch.length;
          yield batch.map((r) => r.j).join('\n') + '\n';
        }
        await tx.execute(sql.raw('close gongwu_dump'));
      }
      yield JSON.stringify({ $end: true, tables: tables.length, rows }) + '\n';
    }
    await pipeline(lines, createGzip(), fs.createWriteStream(file));
  });
  return { tables: tableCount, rows, bytes: fs.statSync(file).size };
}

/**
 * Tables holding what people entered. A freshly migrated database may already hold reference
 * data that migrations ship (standards, approval chains): that does not make it "in use", and the
 * backup carries its own copy of it.
 */
const IN_USE_TABLES = ['users', 'units', 'cards'];

async function tablesInUse(q: Queryable, tables: Map<string, TableInfo>): Promise<string[]> {
  const nonEmpty: string[] = [];
  for (const name of IN_USE_TABLES.filter((n) => tables.has(n))) {
    const [r] = await query<{ any: boolean }>(q, sql.raw(`select exists (select 1 from ${ident(name)}) as any`));
    if (r.any) nonEmpty.push(name);
  }
  return nonEmpty;
}

export class RestoreError extends Error {}

/**
 * Loads a backup into a migrated database in one transaction: all of it or nothing. Refuses a
 * database in use (accounts, units or cards) unless `force`; every table is emptied first.
 * Triggers are off during the load (session_replication_role = replica), so the ledger keeps its hashes exactly as
 * written and foreign keys are not checked row by row; identity values are kept and the
 * sequences moved past them.
 */
export async function restoreDatabase(
  database: Database,
  file: string,
  opts: { force?: boolean; actor?: { userId?: string; username?: string } } = {},
): Promise<BackupSummary> {
  // A read error (a folder, no permission) fails the restore instead of escaping as an 'error' event.
  const source = fs.createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  const input = readline.createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  const header = first.done ? undefined : (JSON.parse(first.value) as { format?: string; version?: number });
  if (header?.format !== BACKUP_FORMAT) throw new RestoreError(`${file} is not a Gongwu backup`);
  if (header.version !== BACKUP_VERSION)
    throw new RestoreError(`backup version ${header.version} is not supported (expected ${BACKUP_VERSION})`);

  let rows = 0;
  let tableCount = 0;
  await database.db.transaction(async (tx) => {
    const tables = new Map((await listTables(tx)).map((t) => [t.name, t]));
    const inUse = await tablesInUse(tx, tables);
    if (inUse.length && !opts.force) {
      throw new RestoreError(
        `the database is not empty (${inUse.join(', ')} hold rows); restore into an empty database or pass --force to replace its contents`,
      );
    }
    // Everything goes, reference data from migrations included: the backup brings its own.
    await tx.execute(sql.raw(`truncate ${[...tables.keys()].map(ident).join(', ')} restart identity cascade`));
    try {
      await tx.execute(sql.raw('set local session_replication_role = replica'));
    } catch (err) {
      throw new RestoreError(
        `restore turns triggers off during the load, which needs a PostgreSQL superuser (or SET privilege on session_replication_role): ${(err as Error).message}`,
      );
    }

    let current: { table: TableInfo; columns: string[] } | undefined;
    let batch: string[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (!current || batch.length === 0) return;
      const cols = current.columns.map(ident).join(', ');
      const name = ident(current.table.name);
      const overriding = current.table.hasIdentity ? ' overriding system value' : '';
      await tx.execute(
        sql`${sql.raw(`insert into ${name} (${cols})${overriding} select ${cols} from jsonb_populate_recordset(null::${name}, `)}${'[' + batch.join(',') + ']'}::jsonb)`,
      );
      rows += batch.length;
      batch = [];
      batchBytes = 0;
    };
    let ended = false;
    for (let next = await it.next(); !next.done; next = await it.next()) {
      const line = next.value;
      if (!line) continue;
      if (line.startsWith('{"$table":') || line.startsWith('{"$end":')) {
        await flush();
        const marker = JSON.parse(line) as { $table?: string; columns?: string[]; $end?: boolean; rows?: number };
        if (marker.$end) {
          if (marker.rows !== rows) throw new RestoreError(`the backup says ${marker.rows} rows but ${rows} were read`);
          ended = true;
          break;
        }
        const table = tables.get(marker.$table!);
        if (!table)
          throw new RestoreError(
            `the backup has table ${marker.$table}, which this database does not: migrate first, or use the matching version`,
          );
        // Columns present on both sides; one the backup lacks takes its default later via migrations.
        current = { table, columns: table.columns.filter((c) => marker.columns!.includes(c)) };
        tableCount++;
        continue;
      }
      if (!current) throw new RestoreError('a row came before any table marker');
      batch.push(line);
      batchBytes += line.length;
      if (batch.length >= INSERT_ROWS || batchBytes >= INSERT_BYTES) await flush();
    }
    if (!ended) throw new RestoreError('the backup is truncated (no end marker)');

    for (const t of tables.values()) {
      for (const col of t.sequenced) {
        await tx.execute(
          sql.raw(
            `select setval(pg_get_serial_sequence('${ident(t.name).replace(/'/g, "''")}', '${col.replace(/'/g, "''")}'), coalesce((select max(${ident(col)}) from ${ident(t.name)}), 0) + 1, false)`,
          ),
        );
      }
    }
  });
  input.close();
  await logSecurityEvent(database.db, {
    kind: 'restore',
    userId: opts.actor?.userId,
    username: opts.actor?.username ?? 'cli',
    details: { file: basename(file), tables: tableCount, rows, force: !!opts.force },
  });
  return { tables: tableCount, rows, bytes: fs.statSync(file).size };
}

/** md5 of every table's rows in a stable order: two databases with equal digests hold the same data. */
export async function tableDigests(
  q: Queryable,
  opts: { exclude?: string[]; where?: Record<string, string> } = {},
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await listTables(q)) {
    if (opts.exclude?.includes(t.name)) continue;
    const where = opts.where?.[t.name] ? ` where ${opts.where[t.name]}` : '';
    const [r] = await query<{ d: string | null; n: number }>(
      q,
      sql.raw(
        `select md5(coalesce(string_agg(x.r, E'\\n' order by x.r collate "C"), '')) as d, count(*)::int as n from (select t::text as r from ${ident(t.name)} t${where}) x`,
      ),
    );
    out[t.name] = `${r.n}:${r.d}`;
  }
  return out;
}

function basename(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
