// The edition mapping's rows (docs/domain.md §7): shipped in reference/gbt14885-edition-map.csv,
// installed into an empty table on migrate, then the committee's: edited row by row or by importing
// the file again (rows upserted by 2010 code; all or nothing).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { EditionMapRow } from '../../../shared/reportset.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Database, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { parseCsv } from '../catalog/index.ts';

const referenceFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../reference/gbt14885-edition-map.csv');

/** The rows of a mapping file (code_2010, code_2022, note), checked: a bad row names its line. */
export function mappingRows(table: string[][]): EditionMapRow[] {
  // Lines starting with '#' before the header are comments (as in the category files).
  const start = table.findIndex((r) => !r[0]?.trimStart().startsWith('#'));
  const [header, ...rows] = start < 0 ? [] : table.slice(start);
  const col = (name: string) => header?.findIndex((h) => h.trim().toLowerCase() === name) ?? -1;
  const [c10, c22, cn] = [col('code_2010'), col('code_2022'), col('note')];
  if (c10 < 0 || c22 < 0) throw new AppError('bad_file', '文件须有 code_2010 和 code_2022 两列', { file: '缺少列' });
  const fields: Record<string, string> = {};
  const out: EditionMapRow[] = [];
  rows.forEach((r, i) => {
    if (r.every((x) => !x.trim())) return;
    const parsed = EditionMapRow.safeParse({
      code2010: r[c10]?.trim(),
      code2022: r[c22]?.trim(),
      note: cn >= 0 ? r[cn]?.trim() || null : null,
    });
    if (parsed.success) out.push(parsed.data);
    else fields[`rows.${i + 2}`] = parsed.error.issues.map((x) => x.message).join('；');
  });
  if (Object.keys(fields).length) throw new AppError('validation', '对照文件有错误的行，未导入', fields);
  return out;
}

/** Installed on migrate (module install): the shipped file, only while the table is empty. */
export async function installEditionMap(database: Database): Promise<void> {
  const db = database.db;
  const any = await queryOne(db, sql`SELECT 1 FROM category_edition_map LIMIT 1`);
  if (any) return;
  const rows = mappingRows(parseCsv(fs.readFileSync(referenceFile, 'utf8')));
  await withTx(db, (tx) => upsertRows(tx, rows, null));
}

async function upsertRows(tx: Queryable, rows: EditionMapRow[], userId: string | null) {
  let inserted = 0;
  for (const r of rows) {
    const res = await queryOne<{ inserted: boolean }>(
      tx,
      sql`
      INSERT INTO category_edition_map (code_2010, code_2022, note, updated_by) VALUES (${r.code2010}, ${r.code2022}, ${r.note ?? null}, ${userId})
      ON CONFLICT (code_2010) DO UPDATE SET code_2022 = excluded.code_2022, note = excluded.note, updated_by = excluded.updated_by, updated_at = now()
      RETURNING (xmax = 0) AS inserted`,
    );
    if (res?.inserted) inserted++;
  }
  return { inserted, updated: rows.length - inserted };
}

/** Both codes must name categories of their edition (the catalogue holds both trees). */
async function checkCodes(q: Queryable, rows: EditionMapRow[]) {
  const known = await query<{ edition: string; code: string }>(q, sql`SELECT edition, code FROM categories`);
  const has = new Set(known.map((k) => `${k.edition}:${k.code}`));
  const fields: Record<string, string> = {};
  rows.forEach((r, i) => {
    if (!has.has(`2010:${r.code2010}`)) fields[`rows.${i}.code2010`] = `资产分类中没有 2010 版编码 ${r.code2010}`;
    if (!has.has(`2022:${r.code2022}`)) fields[`rows.${i}.code2022`] = `资产分类中没有 2022 版编码 ${r.code2022}`;
  });
  if (Object.keys(fields).length) throw new AppError('validation', '对照中的编码须是资产分类中已有的编码', fields);
}

export async function listEditionMap(q: Queryable) {
  const rows = await query<{
    code2010: string;
    code2022: string;
    note: string | null;
    name2010: string | null;
    name2022: string | null;
    updated_at: Date | string;
  }>(
    q,
    sql`
    SELECT m.code_2010 AS "code2010", m.code_2022 AS "code2022", m.note, a.name AS "name2010", b.name AS "name2022", m.updated_at
    FROM category_edition_map m
    LEFT JOIN categories a ON a.edition = '2010' AND a.code = m.code_2010
    LEFT JOIN categories b ON b.edition = '2022' AND b.code = m.code_2022
    ORDER BY m.code_2010`,
  );
  return rows.map(({ updated_at, ...r }) => ({ ...r, updatedAt: new Date(updated_at).toISOString() }));
}

export async function putEditionMapRow(q: Queryable, actor: Actor, row: EditionMapRow) {
  await checkCodes(q, [row]);
  return withTx(q, (tx) => upsertRows(tx, [row], actor.userId));
}

export async function deleteEditionMapRow(q: Queryable, code2010: string) {
  const gone = await query(q, sql`DELETE FROM category_edition_map WHERE code_2010 = ${code2010} RETURNING code_2010`);
  if (!gone.length) throw notFound('版本对照');
  return { ok: true };
}

export async function importEditionMap(q: Queryable, actor: Actor, table: string[][]) {
  const rows = mappingRows(table);
  await checkCodes(q, rows);
  return withTx(q, (tx) => upsertRows(tx, rows, actor.userId));
}
